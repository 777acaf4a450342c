import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, mergeSuggestions, workspaces } from '../src/db/schema';
import { factories } from './support/factories';
import { readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';
import { WidgetVisitor } from './support/widget-visitor';

/** The help page's promise across channels: a website visitor who types their phone meets their WhatsApp self. */
describe('web chat pre-chat phone and an existing WhatsApp contact', () => {
  let w: WhatsAppWorld;

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    await w.rt.ctx.db.update(workspaces).set({ defaultCountry: 'US' }).where(eq(workspaces.id, w.setup.ws.id));
  });
  afterAll(async () => w?.close());

  it('suggests merging the visitor with the WhatsApp contact of the same number, typed in national format', async () => {
    expect((await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'))).status).toBe(200);
    const whatsappContact = await eventually(async () => {
      const [c] = await w.setup.scope.find(contacts, eq(contacts.phone, '+16505551234'));
      return c;
    });

    const { channel } = await factories(w.rt.ctx).webchatChannel(w.setup.scope, {
      prechat: {
        enabled: true,
        fields: {
          name: { enabled: true, required: true },
          email: { enabled: false, required: false },
          phone: { enabled: true, required: true },
        },
      },
    });
    const visitor = new WidgetVisitor(w.rt.url, channel.id);
    await visitor.start();
    const sent = await visitor.call('POST', '/prechat', { name: 'Ana Pérez', phone: '(650) 555-1234' });
    expect(sent.status).toBe(200);

    const [address] = await w.setup.scope.find(contactChannels, eq(contactChannels.channelId, channel.id));
    const visitorContactId = address!.contactId;
    expect(visitorContactId).not.toBe(whatsappContact.id);
    const [suggestion] = await w.setup.scope.find(mergeSuggestions);
    expect(suggestion).toMatchObject({
      contactAId: Math.min(whatsappContact.id, visitorContactId),
      contactBId: Math.max(whatsappContact.id, visitorContactId),
      reasonKind: 'phone',
      status: 'open',
    });
  });
});
