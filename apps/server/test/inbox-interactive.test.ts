import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, conversations } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { messageSettled } from './support/messages';
import { readFixture, postMetaWebhook } from './support/meta-fixtures';
import { META_APP_SECRET, META_TOKEN, type MetaWorld, startMetaWorld } from './support/meta-world';
import { eventually } from './support/runtime';

const WA_NUMBER = '106540352242922';
const WA_CONTACT = '16505551234';
const PSID = '1254459154682919';
const IGSID = '5678';

/** An agent's reply buttons and lists, in each channel's real wire format (or as numbered text). */
describe('Buttons and lists in the composer', () => {
  let w: MetaWorld;
  let whatsapp: { id: number; type: string };
  const conversationOf = async (channelId: number, externalId: string) => {
    const [a] = await w.setup.scope.find(
      contactChannels,
      and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
    );
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, a!.contactId));
    return { addressId: a!.id, conversationId: conv!.id };
  };
  const send = async (channelId: number, externalId: string, body: Record<string, unknown>) => {
    const { conversationId } = await conversationOf(channelId, externalId);
    return w.session.json('POST', `/api/w/${w.setup.ws.slug}/conversations/${conversationId}/messages`, {
      channelId,
      ...body,
    });
  };
  /** Sends and returns the JSON the provider received. */
  const wire = async (channelId: number, externalId: string, body: Record<string, unknown>) => {
    const before = w.graph.sends().length;
    const res = await send(channelId, externalId, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await messageSettled(w.setup.scope, res.body.id)).status).toBe('sent');
    return { message: res.body, json: w.graph.sends().slice(before).at(-1)!.json };
  };

  beforeAll(async () => {
    w = await startMetaWorld();
    const created = await createChannel(w.rt.ctx, w.setup.scope, {
      type: 'whatsapp',
      name: 'WhatsApp',
      config: {
        appSecret: META_APP_SECRET,
        accessToken: META_TOKEN,
        phoneNumberId: WA_NUMBER,
        wabaId: '102290129340398',
        apiBaseUrl: w.graph.apiBaseUrl,
      },
    });
    whatsapp = { id: created.channel.id, type: 'whatsapp' };
    await postMetaWebhook(w.rt.url, whatsapp, META_APP_SECRET, readFixture('whatsapp', 'inbound-text.json'));
    await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, readFixture('messenger', 'inbound-text.json'));
    await postMetaWebhook(w.rt.url, w.instagram, META_APP_SECRET, readFixture('instagram', 'inbound-text.json'));
    await eventually(() => conversationOf(whatsapp.id, WA_CONTACT).catch(() => undefined));
    await eventually(() => conversationOf(w.messenger.id, PSID).catch(() => undefined));
    await eventually(() => conversationOf(w.instagram.id, IGSID).catch(() => undefined));
  });

  afterAll(async () => {
    await w?.close();
  });

  it('sends up to 3 reply buttons as a WhatsApp interactive button message', async () => {
    const { json } = await wire(whatsapp.id, WA_CONTACT, {
      text: '¿Cómo te ayudamos?',
      interactive: { type: 'buttons', buttons: [{ title: 'Ventas' }, { title: 'Soporte' }, { title: 'Otra cosa' }] },
    });
    expect(json).toMatchObject({
      messaging_product: 'whatsapp',
      to: WA_CONTACT,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: '¿Cómo te ayudamos?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'Ventas', title: 'Ventas' } },
            { type: 'reply', reply: { id: 'Soporte', title: 'Soporte' } },
            { type: 'reply', reply: { id: 'Otra cosa', title: 'Otra cosa' } },
          ],
        },
      },
    });
  });

  it('sends a WhatsApp list with its sections and row descriptions', async () => {
    const { json, message } = await wire(whatsapp.id, WA_CONTACT, {
      text: 'Elige un horario',
      interactive: {
        type: 'list',
        button: 'Ver horarios',
        sections: [
          { title: 'Mañana', rows: [{ title: '09:00', description: 'Con Ana' }, { title: '11:00' }] },
          { title: 'Tarde', rows: [{ title: '16:00', description: 'Con Luis' }] },
        ],
      },
    });
    expect(message.body).toBe('Elige un horario');
    expect(json.interactive).toEqual({
      type: 'list',
      body: { text: 'Elige un horario' },
      action: {
        button: 'Ver horarios',
        sections: [
          {
            title: 'Mañana',
            rows: [
              { id: '09:00', title: '09:00', description: 'Con Ana' },
              { id: '11:00', title: '11:00' },
            ],
          },
          { title: 'Tarde', rows: [{ id: '16:00', title: '16:00', description: 'Con Luis' }] },
        ],
      },
    });
  });

  it('refuses what Meta would refuse, before queueing', async () => {
    const bad = [
      { type: 'buttons', buttons: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }] },
      { type: 'buttons', buttons: [{ title: 'x'.repeat(21) }] },
      { type: 'buttons', buttons: [{ title: 'Sí' }, { title: 'Sí' }] },
      { type: 'list', button: 'Ver', sections: [{ rows: Array.from({ length: 11 }, (_, i) => ({ title: `r${i}` })) }] },
      { type: 'list', button: 'Ver', sections: [{ rows: [{ title: 'a' }] }, { rows: [{ title: 'b' }] }] },
      { type: 'list', button: 'x'.repeat(21), sections: [{ rows: [{ title: 'a' }] }] },
    ];
    const before = w.graph.sends().length;
    for (const interactive of bad)
      expect(
        (await send(whatsapp.id, WA_CONTACT, { text: 'Hola', interactive })).status,
        JSON.stringify(interactive),
      ).toBe(400);
    const noText = await send(whatsapp.id, WA_CONTACT, { interactive: { type: 'buttons', buttons: [{ title: 'a' }] } });
    expect(noText.status).toBe(400);
    expect(w.graph.sends().length).toBe(before);
  });

  it('refuses buttons once the window has closed', async () => {
    const { addressId } = await conversationOf(w.messenger.id, PSID);
    await w.setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date(Date.now() - 30 * 3600_000) },
      eq(contactChannels.id, addressId),
    );
    const res = await send(w.messenger.id, PSID, {
      text: 'Hola',
      messageTag: 'ACCOUNT_UPDATE',
      interactive: { type: 'buttons', buttons: [{ title: 'Sí' }] },
    });
    expect([res.status, res.body.code]).toEqual([400, 'window_closed']);
    await w.setup.scope.update(contactChannels, { lastInboundAt: new Date() }, eq(contactChannels.id, addressId));
  });

  it('sends Messenger buttons as quick replies', async () => {
    const { json } = await wire(w.messenger.id, PSID, {
      text: '¿Te llamamos?',
      interactive: { type: 'buttons', buttons: [{ title: 'Sí' }, { title: 'No' }] },
    });
    expect(json).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: {
        text: '¿Te llamamos?',
        quick_replies: [
          { content_type: 'text', title: 'Sí', payload: 'Sí' },
          { content_type: 'text', title: 'No', payload: 'No' },
        ],
      },
    });
  });

  it('sends a list Instagram cannot show as numbered options the contact can answer with', async () => {
    const { json, message } = await wire(w.instagram.id, IGSID, {
      text: 'Elige un plan',
      interactive: {
        type: 'list',
        button: 'Planes',
        sections: [{ rows: [{ title: 'Básico mensual (1 pers.)', description: '10 €' }, { title: 'Pro' }] }],
      },
    });
    const numbered = 'Elige un plan\n\n1. Básico mensual (1 pers.) — 10 €\n2. Pro';
    expect(message.body).toBe(numbered);
    expect(json.message).toEqual({ text: numbered });
  });
});
