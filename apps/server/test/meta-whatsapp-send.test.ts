import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, conversations } from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { fixtureJson, readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { NUMBER, startWhatsAppWorld, TOKEN, type WhatsAppWorld } from './support/whatsapp-world';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** WhatsApp sends: request bodies, quoted replies, media links, failed statuses, error mapping, the window. */
describe('WhatsApp Cloud API channel: replies', () => {
  let w: WhatsAppWorld;

  beforeAll(async () => {
    w = await startWhatsAppWorld();
    // Sheena (phone) and Kerry (business-scoped id only) write first.
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    await w.post('1234567890', readFixture('whatsapp', 'inbound-text-bsuid.json'));
    await eventually(() => w.message('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='));
    await eventually(() => w.message('external_id'));
  });

  afterAll(async () => {
    await w?.close();
  });

  it('sends a text reply with the body of Meta’s example and the wamid it returns', async () => {
    const text = "Here's the info you requested! https://www.meta.com/quest/quest-3/";
    w.graph.respondToSend({ status: 200, body: readFixture('whatsapp', 'send-text.response.json') });
    const id = await w.reply('+16505551234', { text });
    const sent = await w.settled(id);
    expect(sent).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.HBgLMTY1MDU1NTU1NTUVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
    });
    const call = w.graph.sends().at(-1)!;
    expect(call.path).toBe(`/v21.0/${NUMBER}/messages`);
    expect(call.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.json).toEqual({ ...fixtureJson('whatsapp', 'send-text.request.json'), to: '16505551234' });
  });

  it('quotes the message a reply answers, and sends to a BSUID as `recipient`', async () => {
    const quoted = await w.message('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=');
    await w.settled(await w.reply('+16505551234', { text: 'Sí, en azul', replyToMessageId: quoted!.id }));
    expect(w.graph.sends().at(-1)!.json).toMatchObject({
      to: '16505551234',
      context: { message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=' },
      text: { body: 'Sí, en azul', preview_url: false },
    });

    const [address] = await w.setup.scope.find(contactChannels, eq(contactChannels.externalId, 'US.1234'));
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, address!.contactId));
    const res = await w.session.json('POST', `/api/w/${w.setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'Hola Kerry',
    });
    await w.settled(res.body.id);
    const body = w.graph.sends().at(-1)!.json;
    expect(body.recipient).toBe('US.1234');
    expect(body.to).toBeUndefined();
  });

  it('sends a file as a captioned image linked by a signed URL Meta can fetch', async () => {
    const file = await saveFile(w.rt.ctx, w.setup.scope, {
      name: 'catalogo.png',
      mime: 'image/png',
      bytes: PNG,
      source: 'upload',
    });
    await w.settled(
      await w.queueReply('+16505551234', 'Nuestro catálogo', [
        { type: 'image', fileId: file.id, name: file.name, mime: file.mime, size: file.size },
      ]),
    );
    const body = w.graph.sends().at(-1)!.json;
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'image',
      image: { caption: 'Nuestro catálogo' },
    });
    const link = await fetch(body.image.link);
    expect(Buffer.from(await link.arrayBuffer())).toEqual(PNG);
  });

  it('shows a failed status’s code, title and details to the agent', async () => {
    const wamid = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI4QjA1NkQ5RjUzRTVBRjM5MjgA';
    w.graph.respondToSend({
      status: 200,
      body: JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: wamid }] }),
    });
    const id = await w.reply('+16505551234', { text: '¿Sigues interesada?' });
    const sent = await w.settled(id);
    await w.post(NUMBER, readFixture('whatsapp', 'status-failed-131047.json'));
    await w.settled(id, ['failed']);
    const { body } = await w.session.json(
      'GET',
      `/api/w/${w.setup.ws.slug}/conversations/${sent.conversationId}/messages`,
    );
    expect(body.items.find((m: { id: number }) => m.id === id)).toMatchObject({
      status: 'failed',
      errorCode: '131047',
      errorReason:
        'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    });
  });

  it('maps send errors: throttling and media errors retried, window and policy refusals final', async () => {
    const error = (file: string, status: number, headers?: Record<string, string>) => ({
      status,
      body: readFixture('whatsapp', file),
      headers,
    });
    const before = w.graph.sends().length;
    w.graph.respondToSend(
      error('error-130429-rate-limit.json', 403, { 'retry-after': '1' }),
      error('error-131053-media-upload.json', 400),
    );
    const retried = await w.settled(await w.reply('+16505551234', { text: 'uno' }));
    expect(retried.status).toBe('sent');
    expect(w.graph.sends().length - before).toBe(3);

    w.graph.respondToSend(error('error-131047-re-engagement.json', 400));
    const outside = await w.settled(await w.reply('+16505551234', { text: 'dos' }));
    expect(outside).toMatchObject({ status: 'failed', errorCode: '131047' });
    expect(outside.errorReason).toMatch(/24-hour customer service window/);

    w.graph.respondToSend(error('error-368-temporarily-blocked.json', 403));
    const blocked = await w.settled(await w.reply('+16505551234', { text: 'tres' }));
    expect(blocked).toMatchObject({
      status: 'failed',
      errorCode: '368',
      errorReason: '(#368) Temporarily blocked for policies violations',
    });
    const [address] = await w.setup.scope.find(contactChannels, eq(contactChannels.externalId, '16505551234'));
    expect(address!.unreachable).toBe(false);
  });

  it('refuses a free-form reply after the 24-hour window without calling Meta (API and queued send)', async () => {
    const [address] = await w.setup.scope.find(
      contactChannels,
      and(eq(contactChannels.externalId, '16505551234'), eq(contactChannels.channelId, w.channelFor[NUMBER]!.id)),
    );
    await w.setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
      eq(contactChannels.id, address!.id),
    );
    const before = w.graph.sends().length;
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, address!.contactId));
    const refused = await w.session.json('POST', `/api/w/${w.setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'hola de nuevo',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('window_closed');
    // A reply queued before the window closed is refused by the adapter when its job runs.
    const failed = await w.settled(await w.queueReply('+16505551234', 'hola de nuevo'));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'outside_window' });
    expect(failed.errorReason).toMatch(/only accepts approved templates/);
    expect(w.graph.sends().length).toBe(before);
  });
});
