import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactChannels,
  contactIdentifiers,
  contacts,
  conversations,
  messages,
  webhookEvents,
} from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { saveFile } from '../src/modules/files/service';
import { OUTBOUND_JOB } from '../src/modules/messages/service';
import { factories } from './support/factories';
import { type FakeGraph, startFakeGraph } from './support/fake-graph';
import { loginSession, type Session } from './support/http';
import { messageByProviderId, messageSettled } from './support/messages';
import { fixtureJson, postMetaWebhook, readFixture } from './support/meta-fixtures';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const APP_SECRET = 'test_app_secret';
const TOKEN = 'EAAG-fake-whatsapp-token';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
// The phone number ids the fixtures were received on (each change is routed on it).
const NUMBER = '106540352242922';
const STATUS_NUMBER = '590000000000001';

describe('WhatsApp Cloud API channel', () => {
  let rt: TestRuntime;
  let graph: FakeGraph;
  let session: Session;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  const channelFor: Record<string, { id: number; type: string; verifyToken: string }> = {};

  const addChannel = async (phoneNumberId: string, extra: Record<string, unknown> = {}) => {
    const { channel, shownOnce } = await createChannel(rt.ctx, setup.scope, {
      type: 'whatsapp',
      name: `WhatsApp ${phoneNumberId}`,
      config: {
        appSecret: APP_SECRET,
        accessToken: TOKEN,
        phoneNumberId,
        wabaId: '102290129340398',
        apiBaseUrl: graph.apiBaseUrl,
        ...extra,
      },
    });
    return { id: channel.id, type: channel.type, verifyToken: shownOnce.verifyToken! };
  };
  const post = (phoneNumberId: string, body: Buffer | object) =>
    postMetaWebhook(rt.url, channelFor[phoneNumberId]!, APP_SECRET, body);
  const message = (providerMessageId: string) => messageByProviderId(setup.scope, providerMessageId);
  const reply = async (contactPhone: string, body: Record<string, unknown>) => {
    const [c] = await setup.scope.find(contacts, eq(contacts.phone, contactPhone));
    const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, c!.id));
    const res = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, body);
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const settled = (id: number, statuses?: string[]) => messageSettled(setup.scope, id, statuses);

  beforeAll(async () => {
    rt = await startTestRuntime();
    graph = await startFakeGraph(TOKEN);
    setup = await factories(rt.ctx).workspace();
    session = await loginSession(rt.url, setup.owner.email);
    for (const n of [NUMBER, STATUS_NUMBER, '110000000000001', '1234567890']) channelFor[n] = await addChannel(n);
  });

  afterAll(async () => {
    await graph?.close();
    await rt?.close();
  });

  it('checks the token at creation, generates a verify token, and refuses bad credentials', async () => {
    expect(channelFor[NUMBER]!.verifyToken.length).toBeGreaterThanOrEqual(20);
    expect(graph.calls.some((c) => c.path === `/v21.0/${NUMBER}` && c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    await expect(
      createChannel(rt.ctx, setup.scope, {
        type: 'whatsapp',
        name: 'Wrong token',
        config: {
          appSecret: APP_SECRET,
          accessToken: 'EAAG-wrong-token',
          phoneNumberId: '1',
          wabaId: '2',
          apiBaseUrl: graph.apiBaseUrl,
        },
      }),
    ).rejects.toThrow(/whatsapp refused the connection: Invalid OAuth access token/);
    const given = await addChannel('777', { verifyToken: 'meatyhamhock' });
    expect(given.verifyToken).toBe('meatyhamhock');
  });

  it('answers Meta’s handshake with the challenge, and 403 to a wrong token', async () => {
    const ch = await addChannel('778', { verifyToken: 'meatyhamhock' });
    const query = readFixture('whatsapp', 'verify-handshake.query.txt').toString();
    const ok = await fetch(`${rt.url}/webhooks/whatsapp/${ch.id}?${query}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(readFixture('whatsapp', 'verify-handshake.response.txt').toString());
    const refused = await fetch(`${rt.url}/webhooks/whatsapp/${ch.id}?${query.replace('meatyhamhock', 'guess')}`);
    expect(refused.status).toBe(403);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    const bad = await postMetaWebhook(
      rt.url,
      channelFor[NUMBER]!,
      APP_SECRET,
      readFixture('whatsapp', 'inbound-text.json'),
      {
        badSignature: true,
      },
    );
    expect(bad.status).toBe(401);
    const unsigned = await fetch(`${rt.url}/webhooks/whatsapp/${channelFor[NUMBER]!.id}`, {
      method: 'POST',
      body: readFixture('whatsapp', 'inbound-text.body.txt'),
    });
    expect(unsigned.status).toBe(401);
    expect((await rt.ctx.db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(before[0]!.n);
  });

  it('stores each inbound fixture once when Meta delivers it twice', async () => {
    const cases = [
      [NUMBER, 'inbound-text.json', 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='],
      [
        '110000000000001',
        'inbound-text-real-capture.json',
        'wamid.HBgMNTczMDA1NTUwMTAxFQIAEhgUM0FCNDZBODYzNUE1NjY1RjlERkIA',
      ],
      ['1234567890', 'inbound-text-bsuid.json', 'external_id'],
    ] as const;
    for (const [number, file] of cases) {
      for (let i = 0; i < 2; i++) expect((await post(number, readFixture('whatsapp', file))).status).toBe(200);
    }
    for (const [number, , id] of cases) {
      await eventually(() => message(id));
      expect(await setup.scope.count(messages, eq(messages.providerMessageId, id))).toBe(1);
      expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, id))).toBe(1);
      expect((await message(id))!.channelId).toBe(channelFor[number]!.id);
    }
    const [sheena] = await setup.scope.find(contacts, eq(contacts.phone, '+16505551234'));
    expect(sheena).toMatchObject({ firstName: 'Sheena', lastName: 'Nelson' });
    const ids = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, sheena!.id));
    expect(ids).toEqual([
      expect.objectContaining({ kind: 'phone', value: '+16505551234', verified: true, source: 'whatsapp' }),
    ]);

    const [bsuid] = await setup.scope.find(contactChannels, eq(contactChannels.externalId, 'US.1234'));
    const [kerry] = await setup.scope.find(contacts, eq(contacts.id, bsuid!.contactId));
    expect(kerry).toMatchObject({ firstName: 'Kerry', lastName: 'Fisher', phone: null });
    expect(await setup.scope.count(contactIdentifiers, eq(contactIdentifiers.contactId, kerry!.id))).toBe(0);
  });

  it('copies an inbound image into Files through the Graph media endpoint', async () => {
    graph.addMedia('2754859441498128', PNG, 'image/png');
    for (let i = 0; i < 2; i++) await post(NUMBER, readFixture('whatsapp', 'inbound-image.json'));
    const id = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQwNTRBM0VCRTNFODRGRjcxQjAA';
    const stored = await eventually(async () => {
      const m = await message(id);
      return m?.attachments[0]?.fileId ? m : undefined;
    });
    expect(stored.body).toBe('This is a caption');
    expect(stored.attachments[0]).toMatchObject({ type: 'image', mime: 'image/png', size: PNG.length });
    const file = await session.request('GET', `/api/files/${stored.attachments[0]!.fileId}`);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    const download = graph.calls.find((c) => c.path === '/media-download/2754859441498128');
    expect(download?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, id))).toBe(1);
  });

  it('sends a text reply with the body of Meta’s example and the wamid it returns', async () => {
    const text = "Here's the info you requested! https://www.meta.com/quest/quest-3/";
    graph.respondToSend({ status: 200, body: readFixture('whatsapp', 'send-text.response.json') });
    const id = await reply('+16505551234', { text });
    const sent = await settled(id);
    expect(sent).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.HBgLMTY1MDU1NTU1NTUVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
    });
    const call = graph.sends().at(-1)!;
    expect(call.path).toBe(`/v21.0/${NUMBER}/messages`);
    expect(call.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.json).toEqual({ ...fixtureJson('whatsapp', 'send-text.request.json'), to: '16505551234' });
  });

  it('quotes the message a reply answers, and sends to a BSUID as `recipient`', async () => {
    const quoted = await message('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=');
    await settled(await reply('+16505551234', { text: 'Sí, en azul', replyToMessageId: quoted!.id }));
    expect(graph.sends().at(-1)!.json).toMatchObject({
      to: '16505551234',
      context: { message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=' },
      text: { body: 'Sí, en azul', preview_url: false },
    });

    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.externalId, 'US.1234'));
    const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, address!.contactId));
    const res = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'Hola Kerry',
    });
    await settled(res.body.id);
    const body = graph.sends().at(-1)!.json;
    expect(body.recipient).toBe('US.1234');
    expect(body.to).toBeUndefined();
  });

  it('sends a file as a captioned image linked by a signed URL Meta can fetch', async () => {
    const file = await saveFile(rt.ctx, setup.scope, {
      name: 'catalogo.png',
      mime: 'image/png',
      bytes: PNG,
      source: 'upload',
    });
    const [c] = await setup.scope.find(contacts, eq(contacts.phone, '+16505551234'));
    const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, c!.id));
    const [row] = await setup.scope
      .insert(messages, {
        conversationId: conv!.id,
        contactId: c!.id,
        channelId: channelFor[NUMBER]!.id,
        direction: 'out',
        senderKind: 'user',
        body: 'Nuestro catálogo',
        attachments: [{ type: 'image', fileId: file.id, name: file.name, mime: file.mime, size: file.size }],
        status: 'pending',
      })
      .returning();
    await rt.ctx.jobs.send(OUTBOUND_JOB, { messageId: row!.id, attempt: 1 });
    await settled(row!.id);
    const body = graph.sends().at(-1)!.json;
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'image',
      image: { caption: 'Nuestro catálogo' },
    });
    const link = await fetch(body.image.link);
    expect(Buffer.from(await link.arrayBuffer())).toEqual(PNG);
  });

  it('moves a reply through sent, delivered and read from the status fixtures, never backwards', async () => {
    // The status fixtures were received on another number, for a message to +54 9 11 5555 0102.
    const inbound = fixtureJson('whatsapp', 'inbound-text.json');
    const value = inbound.entry[0].changes[0].value;
    value.metadata.phone_number_id = STATUS_NUMBER;
    value.contacts[0] = { profile: { name: 'Lucía Gómez' }, wa_id: '5491155550102' };
    value.messages[0] = { ...value.messages[0], from: '5491155550102', id: 'wamid.LUCIA1' };
    await post(STATUS_NUMBER, inbound);
    await eventually(() => message('wamid.LUCIA1'));
    const wamid = 'wamid.HBgNNTQ5MTE1NTU1MDEwMhUCABEYEjgxQkVFRDVBQTVDODFDOTg3MQA=';
    graph.respondToSend({
      status: 200,
      body: JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: wamid }] }),
    });
    const id = await reply('+5491155550102', { text: 'Gracias por escribir' });
    await settled(id);
    // Meta does not order statuses: read arrives first here, and the later sent/delivered change nothing.
    for (const s of ['read', 'delivered', 'sent'])
      for (let i = 0; i < 2; i++)
        expect((await post(STATUS_NUMBER, readFixture('whatsapp', `status-${s}.json`))).status).toBe(200);
    for (const s of ['read', 'delivered', 'sent'])
      expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, `${wamid}:${s}`))).toBe(1);
    await eventually(async () => {
      const pending = await setup.scope.count(webhookEvents, isNull(webhookEvents.processedAt));
      return pending === 0;
    });
    const [read] = await setup.scope.find(messages, eq(messages.id, id));
    expect(read).toMatchObject({ status: 'read' });
    expect(read!.readAt?.getTime()).toBe(1750857384 * 1000);
    expect(read!.deliveredAt?.getTime()).toBe(1750857384 * 1000);
  });

  it('shows a failed status’s code, title and details to the agent', async () => {
    const wamid = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI4QjA1NkQ5RjUzRTVBRjM5MjgA';
    graph.respondToSend({
      status: 200,
      body: JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: wamid }] }),
    });
    const id = await reply('+16505551234', { text: '¿Sigues interesada?' });
    const sent = await settled(id);
    await post(NUMBER, readFixture('whatsapp', 'status-failed-131047.json'));
    await settled(id, ['failed']);
    const { body } = await session.json('GET', `/api/w/${setup.ws.slug}/conversations/${sent.conversationId}/messages`);
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
    const before = graph.sends().length;
    graph.respondToSend(
      error('error-130429-rate-limit.json', 403, { 'retry-after': '1' }),
      error('error-131053-media-upload.json', 400),
    );
    const retried = await settled(await reply('+16505551234', { text: 'uno' }));
    expect(retried.status).toBe('sent');
    expect(graph.sends().length - before).toBe(3);

    graph.respondToSend(error('error-131047-re-engagement.json', 400));
    const outside = await settled(await reply('+16505551234', { text: 'dos' }));
    expect(outside).toMatchObject({ status: 'failed', errorCode: '131047' });
    expect(outside.errorReason).toMatch(/24-hour customer service window/);

    graph.respondToSend(error('error-368-temporarily-blocked.json', 403));
    const blocked = await settled(await reply('+16505551234', { text: 'tres' }));
    expect(blocked).toMatchObject({
      status: 'failed',
      errorCode: '368',
      errorReason: '(#368) Temporarily blocked for policies violations',
    });
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.externalId, '16505551234'));
    expect(address!.unreachable).toBe(false);
  });

  it('refuses a free-form reply after the 24-hour window without calling Meta', async () => {
    const [address] = await setup.scope.find(
      contactChannels,
      and(eq(contactChannels.externalId, '16505551234'), eq(contactChannels.channelId, channelFor[NUMBER]!.id)),
    );
    await setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
      eq(contactChannels.id, address!.id),
    );
    const before = graph.sends().length;
    const failed = await settled(await reply('+16505551234', { text: 'hola de nuevo' }));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'outside_window' });
    expect(failed.errorReason).toMatch(/only accepts approved templates/);
    expect(graph.sends().length).toBe(before);
  });
});
