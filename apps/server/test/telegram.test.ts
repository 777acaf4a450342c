import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channels,
  contactChannels,
  contactIdentifiers,
  contacts,
  conversations,
  messages,
  webhookEvents,
} from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { fixture, queueOutbound, settled, storedMessage } from './support/channel-helpers';
import { factories } from './support/factories';
import { type FakeProvider, startFakeProvider } from './support/fake-provider';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const TOKEN = '7000000001:AAE-test_token';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const tg = (name: string) => fixture('telegram', name);
const method = (m: string) => new RegExp(`^/bot${TOKEN}/${m}$`);

describe('Telegram channel', () => {
  let rt: TestRuntime;
  let api: FakeProvider;
  let session: Session;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channelId: number;
  let secretToken: string;
  let messageSeq = 100;

  const post = (body: string | Buffer, secret: string | null = secretToken) =>
    fetch(`${rt.url}/webhooks/telegram/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body,
    });
  const update = (updateId: number, message: Record<string, unknown>) =>
    JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        from: { id: 1234567, is_bot: false, first_name: 'Carlos', last_name: 'Ramírez' },
        chat: { id: 1234567, first_name: 'Carlos', last_name: 'Ramírez', type: 'private' },
        date: 1454119029,
        ...message,
      },
    });
  const stored = (id: string) => storedMessage(setup.scope, id);

  beforeAll(async () => {
    rt = await startTestRuntime();
    api = await startFakeProvider();
    api.on('POST', method('setWebhook'), () => ({ status: 200, body: '{"ok":true,"result":true}' }));
    api.on('POST', method('send(Message|Photo|Document)'), (call) => {
      const req = JSON.parse(call.body.toString());
      const res = JSON.parse(tg('send-message.response.json').toString());
      res.result.message_id = messageSeq++;
      res.result.chat.id = req.chat_id;
      return { status: 200, body: JSON.stringify(res) };
    });
    api.on('POST', method('getFile'), () => ({ status: 200, body: tg('get-file.response.json') }));
    api.on('GET', new RegExp(`^/file/bot${TOKEN}/photos/file_0.jpg$`), () => ({
      status: 200,
      body: PNG,
      headers: { 'content-type': 'image/jpeg' },
    }));
    setup = await factories(rt.ctx).workspace();
    session = await loginSession(rt.url, setup.owner.email);
  });

  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  it('registers its webhook with setWebhook and a generated secret_token when the channel is created', async () => {
    const { status, body } = await session.json('POST', `/api/w/${setup.ws.slug}/channels`, {
      type: 'telegram',
      name: 'Bot',
      config: { botToken: TOKEN, apiBaseUrl: api.url },
    });
    expect(status).toBe(201);
    channelId = body.channel.id;
    const [call] = api.callsTo(method('setWebhook'));
    const sent = JSON.parse(call!.body.toString());
    expect(sent.url).toBe(`${rt.ctx.publicUrl()}/webhooks/telegram/${channelId}`);
    expect(sent.url).toBe(body.channel.webhookUrl);
    expect(sent.secret_token).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(JSON.stringify(body)).not.toContain(sent.secret_token);
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    secretToken = sent.secret_token;
  });

  it('refuses the channel with Telegram’s reason when setWebhook fails', async () => {
    api.queue('POST', method('setWebhook'), {
      status: 401,
      body: '{"ok":false,"error_code":401,"description":"Unauthorized"}',
    });
    const before = (await setup.scope.find(channels)).length;
    const { status, body } = await session.json('POST', `/api/w/${setup.ws.slug}/channels`, {
      type: 'telegram',
      name: 'Bad bot',
      config: { botToken: TOKEN, apiBaseUrl: api.url },
    });
    expect(status).toBe(400);
    expect(body.message).toContain('Unauthorized');
    expect((await setup.scope.find(channels)).length).toBe(before);
  });

  it('stores the text fixture once when Telegram delivers it twice', async () => {
    for (let i = 0; i < 2; i++) expect((await post(tg('inbound-text.json'))).status).toBe(200);
    const m = await stored('1234567:41');
    expect(m.body).toBe('Hello World');
    await new Promise((r) => setTimeout(r, 300));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, '1234567:41'))).toBe(1);
    expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, '174114370'))).toBe(1);
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, m.contactId));
    expect(contact).toMatchObject({ firstName: 'Carlos', lastName: 'Ramírez', phone: null });
  });

  it('answers 401 to a missing or wrong secret token and stores nothing', async () => {
    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect((await post(update(5001, { text: 'forged' }), null)).status).toBe(401);
    expect((await post(update(5002, { text: 'forged' }), `${secretToken}x`)).status).toBe(401);
    const after = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('fetches the largest photo size into Files via getFile and the file URL', async () => {
    expect((await post(tg('inbound-photo.json'))).status).toBe(200);
    const m = await eventually(async () => {
      const row = await stored('1234567:85');
      return row.attachments[0]?.fileId ? row : undefined;
    });
    expect(m.body).toBe('Photo Caption');
    expect(m.attachments[0]).toMatchObject({ type: 'image', mime: 'image/jpeg', size: PNG.length });
    const getFile = api.callsTo(method('getFile')).at(-1)!;
    expect(JSON.parse(getFile.body.toString())).toEqual({
      file_id: 'AgADAQADtKcxG4LRUUQSQVUjfJIiiF8G6C8ABA9NJzFdXskaincBAAEC',
    });
  });

  it('turns the sender’s own shared contact into a verified phone; someone else’s is only an attachment', async () => {
    await post(update(6001, { contact: { phone_number: '+57 300 555 0101', first_name: 'Ana', user_id: 999 } }));
    const other = await stored('1234567:6001');
    expect(other.attachments[0]).toMatchObject({ type: 'contact', name: 'Ana · +57 300 555 0101' });
    expect(await setup.scope.count(contactIdentifiers, eq(contactIdentifiers.contactId, other.contactId))).toBe(0);

    await post(update(6002, { contact: { phone_number: '+573005550102', first_name: 'Carlos', user_id: 1234567 } }));
    const own = await stored('1234567:6002');
    const [identifier] = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, own.contactId));
    expect(identifier).toMatchObject({ kind: 'phone', value: '+573005550102', verified: true, source: 'telegram' });
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, own.contactId));
    expect(contact!.phone).toBe('+573005550102');
  });

  it('stores documents, voice notes and locations', async () => {
    await post(update(6101, { document: { file_id: 'DOC1', file_name: 'factura.pdf', mime_type: 'application/pdf' } }));
    await post(update(6102, { voice: { file_id: 'VOICE1', mime_type: 'audio/ogg' } }));
    await post(update(6103, { location: { latitude: 4.6, longitude: -74.08 } }));
    expect((await stored('1234567:6101')).attachments[0]).toMatchObject({ type: 'file', name: 'factura.pdf' });
    expect((await stored('1234567:6102')).attachments[0]).toMatchObject({ type: 'audio', mime: 'audio/ogg' });
    const loc = await stored('1234567:6103');
    expect(loc.attachments[0]).toMatchObject({ type: 'location', name: '4.6, -74.08' });
    expect(loc.meta).toMatchObject({ location: { latitude: 4.6, longitude: -74.08 } });
  });

  it('stores a button tap as a message with its callback data and answers the callback query', async () => {
    const body = JSON.stringify({
      update_id: 7001,
      callback_query: {
        id: 'cbq-1',
        from: { id: 1234567, is_bot: false, first_name: 'Carlos' },
        message: {
          message_id: 42,
          chat: { id: 1234567, type: 'private', first_name: 'Carlos' },
          date: 1454119100,
          text: '¿Qué talla?',
          reply_markup: { inline_keyboard: [[{ text: 'Talla M', callback_data: 'size:m' }]] },
        },
        data: 'size:m',
      },
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cbq-1' });
    const m = await stored('callback:cbq-1');
    expect(m.body).toBe('Talla M');
    expect(m.meta).toMatchObject({ callbackData: 'size:m' });
  });

  it('sends a reply as the fixture’s sendMessage request and stores (chat, message) as the provider id', async () => {
    const [conv] = await setup.scope.find(conversations);
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'Hi!',
    });
    const sent = await settled(setup.scope, body.id);
    expect(sent.status).toBe('sent');
    const call = api.callsTo(method('sendMessage')).at(-1)!;
    expect(JSON.parse(call.body.toString())).toEqual(JSON.parse(tg('send-message.request.json').toString()));
    expect(sent.providerMessageId).toMatch(/^1234567:\d+$/);
  });

  it('sends an image by its signed URL with the text as caption and buttons as an inline keyboard', async () => {
    const [conv] = await setup.scope.find(conversations);
    const file = await saveFile(rt.ctx, setup.scope, {
      name: 'talla.png',
      mime: 'image/png',
      bytes: PNG,
      source: 'upload',
    });
    const m = await queueOutbound(rt.ctx, setup.scope, conv!.id, {
      text: 'Nuestra guía de tallas',
      attachments: [{ type: 'image', fileId: file.id, name: file.name, mime: file.mime }],
      meta: {
        buttons: [
          { text: 'Talla M', data: 'size:m' },
          { text: 'Web', url: 'https://example.com/tallas' },
        ],
      },
    });
    expect((await settled(setup.scope, m.id)).status).toBe('sent');
    const call = JSON.parse(api.callsTo(method('sendPhoto')).at(-1)!.body.toString());
    expect(call).toMatchObject({
      chat_id: 1234567,
      caption: 'Nuestra guía de tallas',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Talla M', callback_data: 'size:m' }],
          [{ text: 'Web', url: 'https://example.com/tallas' }],
        ],
      },
    });
    const photo = await fetch(call.photo);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(PNG);
  });

  it('maps 400 chat not found to a permanent failure and 429 to a retry after retry_after', async () => {
    const [conv] = await setup.scope.find(conversations);
    api.queue('POST', method('sendMessage'), { status: 400, body: tg('error-400-chat-not-found.json') });
    const lost = await queueOutbound(rt.ctx, setup.scope, conv!.id, { text: 'uno' });
    expect(await settled(setup.scope, lost.id)).toMatchObject({
      status: 'failed',
      errorCode: '400',
      errorReason: 'Bad Request: chat not found',
    });

    const throttled = JSON.parse(tg('error-429-retry-after.json').toString());
    throttled.parameters.retry_after = 1;
    api.queue('POST', method('sendMessage'), { status: 429, body: JSON.stringify(throttled) });
    const calls = api.callsTo(method('sendMessage')).length;
    const retried = await queueOutbound(rt.ctx, setup.scope, conv!.id, { text: 'dos' });
    expect((await settled(setup.scope, retried.id, 20_000)).status).toBe('sent');
    const attempts = api.callsTo(method('sendMessage')).slice(calls);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(800);
  });

  // Unpaced, the three sends would arrive milliseconds apart; the margin absorbs loopback jitter under load.
  it('paces sends to one chat at one per second', async () => {
    const [conv] = await setup.scope.find(conversations);
    const calls = api.callsTo(method('sendMessage')).length;
    const queued = [];
    for (const text of ['a', 'b', 'c']) queued.push(await queueOutbound(rt.ctx, setup.scope, conv!.id, { text }));
    for (const m of queued) expect((await settled(setup.scope, m.id)).status).toBe('sent');
    const times = api
      .callsTo(method('sendMessage'))
      .slice(calls)
      .map((c) => c.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(800);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(800);
  });

  it('marks the chat unreachable when the bot was blocked (403)', async () => {
    const [conv] = await setup.scope.find(conversations);
    api.queue('POST', method('sendMessage'), { status: 403, body: tg('error-403-bot-blocked.json') });
    const m = await queueOutbound(rt.ctx, setup.scope, conv!.id, { text: '¿sigues ahí?' });
    expect(await settled(setup.scope, m.id)).toMatchObject({ status: 'failed', errorCode: '403' });
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, conv!.contactId));
    expect(address).toMatchObject({
      unreachable: true,
      unreachableReason: '403: Forbidden: bot was blocked by the user',
    });
  });
});
