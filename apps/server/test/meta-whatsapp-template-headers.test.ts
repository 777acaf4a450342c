import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, conversations } from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

const WABA = '102290129340398';
const APP_ID = '987654321012345';
const PHONE = '+16505551234';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

/** A TEXT header with a variable, as Graph lists it (approved). */
const shippedTemplate = {
  id: '770000000000001',
  name: 'order_shipped',
  language: 'es',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Hola {{1}}', example: { header_text: ['Ana'] } },
    { type: 'BODY', text: 'Tu pedido {{1}} va en camino.', example: { body_text: [['#123']] } },
  ],
};

/** WhatsApp templates: TEXT header variables at send time, media header examples at creation. */
describe('WhatsApp template headers', () => {
  let w: WhatsAppWorld;
  let base: string;
  let conversationId: number;
  const submissions = () =>
    w.graph.calls.filter((c) => c.method === 'POST' && c.path === `/v21.0/${WABA}/message_templates`);
  const photo = () =>
    saveFile(w.rt.ctx, w.setup.scope, { name: 'promo.png', mime: 'image/png', bytes: PNG, source: 'upload' });
  const draft = (fileId: number) => ({
    name: 'promo_image',
    language: 'es',
    category: 'MARKETING',
    headerFormat: 'IMAGE',
    headerFileId: fileId,
    body: 'Mira nuestra oferta, {{1}}',
    bodyExamples: ['Ana'],
  });

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    base = `/api/w/${w.setup.ws.slug}`;
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    const [c] = await eventually(async () => {
      const found = await w.setup.scope.find(contacts, eq(contacts.phone, PHONE));
      return found.length > 0 ? found : undefined;
    });
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, c!.id));
    conversationId = conv!.id;
  });

  afterAll(async () => {
    await w?.close();
  });

  it('fills a TEXT header’s variable from what the agent typed, $variables included', async () => {
    w.graph.setTemplatePages([shippedTemplate]);
    const synced = await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates/sync`);
    const listed = synced.body.items.find((t: { name: string }) => t.name === 'order_shipped');
    expect(listed.textHeader).toEqual({ text: 'Hola {{1}}', parameter: '1' });
    const [c] = await w.setup.scope.find(contacts, eq(contacts.phone, PHONE));
    await w.setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
      and(eq(contactChannels.contactId, c!.id), eq(contactChannels.channelId, w.channelFor[NUMBER]!.id)),
    );
    const send = (template: Record<string, unknown>) =>
      w.session.json('POST', `${base}/conversations/${conversationId}/messages`, { template });
    const missing = await send({ id: listed.id, parameters: ['#123'] });
    expect([missing.status, missing.body.code]).toEqual([400, 'template_header']);
    const before = w.graph.sends().length;
    const res = await send({ id: listed.id, parameters: ['#123'], headerParameter: '$contact.firstname' });
    expect(res.status).toBe(201);
    expect((await w.settled(res.body.id)).status).toBe('sent');
    const [call] = w.graph.sends().slice(before);
    expect(call!.json.template).toEqual({
      name: 'order_shipped',
      language: { policy: 'deterministic', code: 'es' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Sheena' }] },
        { type: 'body', parameters: [{ type: 'text', text: '#123' }] },
      ],
    });
  });

  it('creates an IMAGE header template: the example goes through the Resumable Upload API, its handle in the example', async () => {
    const channel = await w.addChannel('200000000000001', { appId: APP_ID });
    const file = await photo();
    const res = await w.session.json('POST', `${base}/channels/${channel.id}/templates`, draft(file.id));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.template).toMatchObject({ name: 'promo_image', status: 'PENDING', mediaHeader: 'IMAGE' });
    const [upload] = w.graph.uploads();
    expect(upload).toMatchObject({
      appId: APP_ID,
      query: { file_name: 'promo.png', file_length: String(PNG.length), file_type: 'image/png' },
      offset: '0',
    });
    expect(upload!.bytes).toEqual(PNG);
    const submitted = JSON.parse(submissions().at(-1)!.body);
    expect(submitted.components[0]).toEqual({
      type: 'HEADER',
      format: 'IMAGE',
      example: { header_handle: ['4::aW1hZ2UvcG5n:FAKEHANDLE1'] },
    });
    expect(submitted.components[1]).toEqual({
      type: 'BODY',
      text: 'Mira nuestra oferta, {{1}}',
      example: { body_text: [['Ana']] },
    });
  });

  it('refuses a media header without a file, with a file of the wrong type, or without the app id', async () => {
    const before = submissions().length;
    const file = await photo();
    const noFile = await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates`, {
      ...draft(file.id),
      headerFileId: undefined,
    });
    expect(noFile.status).toBe(400);
    const video = await w.session.json('POST', `${base}/channels/${w.channelFor[NUMBER]!.id}/templates`, {
      ...draft(file.id),
      headerFormat: 'VIDEO',
    });
    expect([video.status, video.body.code]).toEqual([400, 'template_header']);
    const noAppId = await w.session.json(
      'POST',
      `${base}/channels/${w.channelFor[NUMBER]!.id}/templates`,
      draft(file.id),
    );
    expect([noAppId.status, noAppId.body.code]).toEqual([400, 'provider_refused']);
    expect(noAppId.body.message).toContain('appId');
    expect(submissions().length).toBe(before);
  });
});
