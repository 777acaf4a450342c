import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentifiers, contacts, messages, webhookEvents } from '../src/db/schema';
import { sha256Hex } from '../src/lib/crypto';
import { createChannel } from '../src/modules/channels/service';
import { conversationOfAddress, fixture, queueOutbound, settled, storedMessage } from './support/channel-helpers';
import { factories } from './support/factories';
import { type FakeProvider, startFakeProvider } from './support/fake-provider';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const SIGNING_KEY = 'mb_signing_key_0123456789';
const CHANNEL = '619747f69cf940a98fb443140ce9aed2';
const mb = (name: string) => fixture('messagebird', name).toString();

/** A MessageBird-Signature-JWT as MessageBird makes it for `url` and `body`. */
function signJwt(url: string, body: string, key = SIGNING_KEY) {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = {
    iss: 'MessageBird',
    nbf: now,
    exp: now + 60,
    jti: crypto.randomUUID(),
    url_hash: sha256Hex(url),
    ...(body ? { payload_hash: sha256Hex(body) } : {}),
  };
  const unsigned = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${crypto.createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('MessageBird channel', () => {
  let rt: TestRuntime;
  let api: FakeProvider;
  let session: Session;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let conversationsChannel: number;
  let smsChannel: number;
  let ids = 0;

  const deliver = (channelId: number, opts: { body?: string; query?: string; contentType?: string; key?: string }) => {
    const path = `/webhooks/messagebird/${channelId}${opts.query ? `?${opts.query}` : ''}`;
    return fetch(`${rt.url}${path}`, {
      method: opts.body === undefined ? 'GET' : 'POST',
      headers: {
        'messagebird-signature-jwt': signJwt(`${rt.ctx.publicUrl()}${path}`, opts.body ?? '', opts.key),
        ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
      },
      body: opts.body,
    });
  };
  const stored = (id: string) => storedMessage(setup.scope, id);
  const conversationOf = (externalId: string) => conversationOfAddress(setup.scope, externalId);

  beforeAll(async () => {
    rt = await startTestRuntime();
    api = await startFakeProvider();
    api.on('POST', /^\/v1\/send$/, () => ({
      status: 200,
      body:
        ids++ === 0 ? mb('conversations-send.response.json') : JSON.stringify({ id: `mb-${ids}`, status: 'accepted' }),
    }));
    api.on('POST', /^\/(messages|mms)$/, () => ({
      status: 201,
      body: mb('mms-send.response.json').replace('efa6405d518d4c0c88cce11f7db775fb', `sms${++ids}`),
    }));
    setup = await factories(rt.ctx).workspace();
    session = await loginSession(rt.url, setup.owner.email);
    const base = { accessKey: 'live_access_key_123', signingKey: SIGNING_KEY, apiBaseUrl: api.url };
    conversationsChannel = (
      await createChannel(rt.ctx, setup.scope, {
        type: 'messagebird',
        name: 'WA',
        config: { ...base, channelId: CHANNEL },
      })
    ).channel.id;
    smsChannel = (
      await createChannel(rt.ctx, setup.scope, {
        type: 'messagebird',
        name: 'SMS',
        config: { ...base, originator: '18005551212' },
      })
    ).channel.id;
  });

  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  it('stores a Conversations message once when delivered twice, with the WhatsApp profile name', async () => {
    for (let i = 0; i < 2; i++)
      expect(
        (await deliver(conversationsChannel, { body: mb('conversations-inbound-whatsapp-text.json') })).status,
      ).toBe(200);
    const m = await stored('396080b1fa0a4e6781bfda4b8b9f00b6');
    expect(m.body).toBe('Just to test something');
    await new Promise((r) => setTimeout(r, 300));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, m.providerMessageId!))).toBe(1);
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, m.contactId));
    expect(contact).toMatchObject({ firstName: 'Sofía', lastName: 'Martínez', phone: '+5491155550105' });
    const [phone] = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, m.contactId));
    expect(phone).toMatchObject({ value: '+5491155550105', verified: true, source: 'messagebird' });
  });

  it('reads the 2020 payload variant (no workspace, number as display name)', async () => {
    await deliver(conversationsChannel, { body: mb('conversations-inbound-whatsapp-text-2020.json') });
    const m = await stored('b88ff4db73be4bd58c2c56cb3bbb1004');
    const [contact] = await setup.scope.find(contacts, eq(contacts.id, m.contactId));
    expect(contact).toMatchObject({ firstName: null, phone: '+573005550106' });
  });

  it('answers 401 to a wrong key, a JWT for another URL, or no JWT, and stores nothing', async () => {
    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    const body = mb('conversations-inbound-whatsapp-text.json').replace('396080b1', 'forged00');
    expect((await deliver(conversationsChannel, { body, key: 'another_key_0123456789' })).status).toBe(401);
    const otherUrl = await fetch(`${rt.url}/webhooks/messagebird/${conversationsChannel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'messagebird-signature-jwt': signJwt(`${rt.ctx.publicUrl()}/webhooks/messagebird/${smsChannel}`, body),
      },
      body,
    });
    expect(otherUrl.status).toBe(401);
    const unsigned = await fetch(`${rt.url}/webhooks/messagebird/${conversationsChannel}`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const after = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('replies through /v1/send as the fixture request, then applies message.updated statuses', async () => {
    const conv = await conversationOf('+5491155550105');
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv.id}/messages`, {
      text: 'Hello!',
    });
    const sent = await settled(setup.scope, body.id);
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'message-id' });
    const call = api.callsTo(/^\/v1\/send$/).at(-1)!;
    expect(call.headers.authorization).toBe('AccessKey live_access_key_123');
    expect(JSON.parse(call.body.toString())).toEqual({
      ...JSON.parse(mb('conversations-send.request.json')),
      to: '+5491155550105',
      reportUrl: `${rt.ctx.publicUrl()}/webhooks/messagebird/${conversationsChannel}`,
    });

    const update = JSON.parse(mb('conversations-inbound-whatsapp-text.json'));
    update.type = 'message.updated';
    Object.assign(update.message, { id: 'message-id', direction: 'sent', status: 'delivered' });
    for (let i = 0; i < 2; i++) await deliver(conversationsChannel, { body: JSON.stringify(update) });
    await eventually(async () => (await stored('message-id')).status === 'delivered');
    expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, 'message-id:delivered'))).toBe(1);
  });

  it('fails a send for good with MessageBird’s error description', async () => {
    const conv = await conversationOf('+5491155550105');
    api.queue('POST', /^\/v1\/send$/, { status: 404, body: mb('error-20-not-found.json') });
    const m = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'hola' });
    expect(await settled(setup.scope, m.id)).toMatchObject({
      status: 'failed',
      errorCode: '20',
      errorReason: 'message not found',
    });
    api.queue('POST', /^\/v1\/send$/, { status: 503, body: 'busy' });
    const retried = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'otra' });
    expect((await settled(setup.scope, retried.id, 20_000)).status).toBe('sent');
  });

  it('takes legacy SMS inbound form posts and GET status reports, and sends through /messages', async () => {
    expect(
      (
        await deliver(smsChannel, {
          body: mb('sms-inbound.form.txt'),
          contentType: 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(200);
    const inbound = await stored('b6aae1b5dfb2427a8f7ea6a717ba31a9');
    expect(inbound.body).toBe('Test again');

    const conv = await conversationOf('18885551515');
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv.id}/messages`, {
      text: 'Simple Message ☺',
    });
    const sent = await settled(setup.scope, body.id);
    expect(sent.status).toBe('sent');
    const call = api.callsTo(/^\/messages$/).at(-1)!;
    expect(JSON.parse(call.body.toString())).toEqual({
      ...JSON.parse(mb('sms-send.request.json')),
      recipients: ['18885551515'],
      reference: `charla-${body.id}`,
      reportUrl: `${rt.ctx.publicUrl()}/webhooks/messagebird/${smsChannel}`,
    });

    const query = mb('sms-status-delivered.query.txt').replace(
      'b6aae1b5dfb2427a8f7ea6a717ba31a9',
      sent.providerMessageId!,
    );
    expect((await deliver(smsChannel, { query })).status).toBe(200);
    await eventually(async () => (await stored(sent.providerMessageId!)).status === 'delivered');
  });
});
