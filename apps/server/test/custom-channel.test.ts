import { count, eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, conversations, messages, webhookEvents } from '../src/db/schema';
import { hmacSha256Hex } from '../src/lib/crypto';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

describe('custom channel end to end', () => {
  let rt: TestRuntime;
  let f: ReturnType<typeof factories>;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let session: Session;
  let socket: Socket;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channel: { id: number };
  let secret: string;
  const received: { event: string; payload: any }[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime();
    f = factories(rt.ctx);
    callback = await startFakeCallback();
    setup = await f.workspace();
    ({ channel, secret } = await f.customChannel(setup.scope, { callbackUrl: callback.url }));
    session = await loginSession(rt.url, setup.owner.email);
    socket = io(rt.url, {
      extraHeaders: { cookie: session.cookieHeader },
      auth: { workspace: setup.ws.slug },
      transports: ['websocket'],
    });
    for (const event of ['message.created', 'message.updated', 'conversation.updated']) {
      socket.on(event, (payload) => received.push({ event, payload }));
    }
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
  });

  afterAll(async () => {
    socket?.close();
    await callback?.close();
    await rt?.close();
  });

  it('turns a signed inbound POST into a contact, a conversation and a message, pushed over the socket', async () => {
    const res = await postCustomWebhook(rt.url, channel.id, secret, {
      id: 'msg-1',
      sender: { id: 'user-42', name: 'Ana Pérez', phone: '+52 1 55 1234 5678', email: 'Ana@Example.COM' },
      text: 'Hola, ¿tienen envío a Monterrey?',
    });
    expect(res.status).toBe(200);
    const pushed = await eventually(async () => received.find((r) => r.event === 'message.created'));
    expect(pushed.payload.message.body).toBe('Hola, ¿tienen envío a Monterrey?');
    expect(pushed.payload.message.direction).toBe('in');

    const { body } = await session.json('GET', `/api/w/${setup.ws.slug}/conversations`);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].contact.name).toBe('Ana Pérez');
    const [contact] = await setup.scope.find(contacts);
    expect(contact).toMatchObject({
      firstName: 'Ana',
      lastName: 'Pérez',
      phone: '+525512345678',
      email: 'Ana@example.com',
    });
  });

  it('stores one message when the same POST is delivered three times', async () => {
    const body = { id: 'msg-dup', sender: { id: 'user-42' }, text: 'una vez' };
    for (let i = 0; i < 3; i++) expect((await postCustomWebhook(rt.url, channel.id, secret, body)).status).toBe(200);
    await eventually(async () => (await setup.scope.count(messages, eq(messages.providerMessageId, 'msg-dup'))) === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, 'msg-dup'))).toBe(1);
    expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, 'msg-dup'))).toBe(1);
  });

  it('answers 401 to a bad signature and stores nothing', async () => {
    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    const res = await postCustomWebhook(
      rt.url,
      channel.id,
      secret,
      { id: 'msg-forged', sender: { id: 'x' }, text: 'fake' },
      { badSignature: true },
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('invalid_signature');
    const unsigned = await fetch(`${rt.url}/webhooks/custom/${channel.id}`, {
      method: 'POST',
      body: '{"id":"u","sender":{"id":"x"}}',
    });
    expect(unsigned.status).toBe(401);
    const after = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, 'msg-forged'))).toBe(0);
  });

  it('rejects a signed but malformed body with a clear 400', async () => {
    const res = await postCustomWebhook(rt.url, channel.id, secret, { sender: { id: 'x' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/id/);
  });

  it('POSTs a reply to the callback URL, signed, retrying 5xx until it is accepted', async () => {
    const [conv] = await setup.scope.find(conversations);
    callback.respondWith({ status: 503, body: '{"message":"busy"}' });
    const calls = callback.calls.length;
    const { status, body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'Sí, enviamos a todo México',
    });
    expect(status).toBe(201);
    expect(body.status).toBe('pending');
    const sent = await eventually(async () => {
      const [m] = await setup.scope.find(messages, eq(messages.id, body.id));
      return m?.status === 'sent' ? m : undefined;
    });
    expect(callback.calls.length - calls).toBe(2);
    const last = callback.calls.at(-1)!;
    expect(last.headers['x-charla-signature']).toBe(`sha256=${hmacSha256Hex(secret, last.body)}`);
    expect(JSON.parse(last.body)).toMatchObject({
      id: String(body.id),
      recipient: { id: 'user-42' },
      text: 'Sí, enviamos a todo México',
    });
    expect(sent.providerMessageId).toMatch(/^ext-/);
    await eventually(async () =>
      received.find(
        (r) => r.event === 'message.updated' && r.payload.message.id === body.id && r.payload.message.status === 'sent',
      ),
    );
  });

  it('marks a reply failed with the integrator’s reason on a 4xx, without retrying', async () => {
    const [conv] = await setup.scope.find(conversations);
    callback.respondWith({ status: 422, body: '{"message":"recipient blocked the bot"}' });
    const calls = callback.calls.length;
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'hola',
    });
    const failed = await eventually(async () => {
      const [m] = await setup.scope.find(messages, eq(messages.id, body.id));
      return m?.status === 'failed' ? m : undefined;
    });
    expect(failed).toMatchObject({ errorCode: '422', errorReason: 'recipient blocked the bot' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(callback.calls.length - calls).toBe(1);
    const { body: history } = await session.json('GET', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`);
    expect(history.items.at(-1)).toMatchObject({ status: 'failed', errorReason: 'recipient blocked the bot' });
  });

  it('marks the address unreachable on 410 Gone, refuses further replies, and clears it when the contact writes again', async () => {
    const [conv] = await setup.scope.find(conversations);
    callback.respondWith({ status: 410, body: '{"message":"user deleted their account"}' });
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: '¿sigues ahí?',
    });
    await eventually(async () => {
      const [a] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, conv!.contactId));
      return a?.unreachable ? a : undefined;
    });
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, conv!.contactId));
    expect(address!.unreachableReason).toBe('410: user deleted their account');
    const [m] = await setup.scope.find(messages, eq(messages.id, body.id));
    expect(m).toMatchObject({ status: 'failed', errorCode: '410' });
    const refused = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text: 'otra vez',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('unreachable');

    await postCustomWebhook(rt.url, channel.id, secret, { id: 'msg-back', sender: { id: 'user-42' }, text: 'volví' });
    await eventually(async () => {
      const [a] = await setup.scope.find(contactChannels, eq(contactChannels.id, address!.id));
      return a && !a.unreachable;
    });
  });
});
