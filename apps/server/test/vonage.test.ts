import crypto from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vonageSmsSignature } from '../src/channels/vonage/verify';
import { contactChannels, messages, webhookEvents } from '../src/db/schema';
import { sha256Hex } from '../src/lib/crypto';
import { createChannel } from '../src/modules/channels/service';
import { conversationOfAddress, fixture, queueOutbound, settled, storedMessage } from './support/channel-helpers';
import { factories } from './support/factories';
import { type FakeProvider, startFakeProvider } from './support/fake-provider';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const SIG_SECRET = 'signature_secret';
const JWT_SECRET = 'vonage_signature_secret_32_chars_min';
const vg = (name: string) => fixture('vonage', name).toString();

/** Re-signs legacy params as Vonage would now (fresh timestamp and nonce). */
function signParams(query: string) {
  const p = new URLSearchParams(query);
  p.delete('sig');
  p.set('timestamp', String(Math.floor(Date.now() / 1000)));
  p.set('nonce', crypto.randomUUID());
  p.set('sig', vonageSmsSignature(p, SIG_SECRET, 'md5hash'));
  return p.toString();
}

/** A Messages API webhook JWT for `body`. */
function messagesJwt(body: string, secret = JWT_SECRET) {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = {
    iat: Math.floor(Date.now() / 1000),
    jti: crypto.randomUUID(),
    iss: 'Vonage',
    payload_hash: sha256Hex(body),
    api_key: 'abcd1234',
  };
  const unsigned = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${crypto.createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Vonage channel', () => {
  let rt: TestRuntime;
  let api: FakeProvider;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let smsChannel: number;
  let messagesChannel: number;
  let seq = 0;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

  const getSms = (query: string) => fetch(`${rt.url}/webhooks/vonage/${smsChannel}?${query}`);
  const postMessages = (body: string, secret?: string) =>
    fetch(`${rt.url}/webhooks/vonage/${messagesChannel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${messagesJwt(body, secret)}` },
      body,
    });
  const stored = (id: string) => storedMessage(setup.scope, id);
  const conversationOf = (externalId: string) => conversationOfAddress(setup.scope, externalId);

  beforeAll(async () => {
    rt = await startTestRuntime();
    api = await startFakeProvider();
    api.on('POST', /^\/sms\/json$/, () => ({
      status: 200,
      body: vg('send-sms-legacy.response.json').replace('0A0000000123ABCD1', `0A00000000000${++seq}`),
    }));
    api.on('POST', /^\/v1\/messages$/, () => ({
      status: 202,
      body: JSON.stringify({ message_uuid: `uuid-${++seq}` }),
    }));
    setup = await factories(rt.ctx).workspace();
    smsChannel = (
      await createChannel(rt.ctx, setup.scope, {
        type: 'vonage',
        name: 'SMS',
        config: {
          apiKey: 'nexmo-api-key',
          apiSecret: 'nexmo-api-secret',
          signatureSecret: SIG_SECRET,
          fromNumber: '2020',
          apiBaseUrl: api.url,
        },
      })
    ).channel.id;
    messagesChannel = (
      await createChannel(rt.ctx, setup.scope, {
        type: 'vonage',
        name: 'WhatsApp',
        config: {
          api: 'messages',
          apiKey: 'abcd1234',
          apiSecret: 'nexmo-api-secret',
          signatureSecret: JWT_SECRET,
          fromNumber: '14157386102',
          apiBaseUrl: api.url,
        },
      })
    ).channel.id;
  });

  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  it('stores a signed inbound GET once when delivered twice, and refuses a bad signature', async () => {
    const query = signParams(vg('inbound-sms-legacy-signed.query.txt'));
    for (let i = 0; i < 2; i++) expect((await getSms(query)).status).toBe(200);
    const m = await stored('0A0000000123ABCD1');
    expect(m.body).toBe('Hello world');
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, m.contactId));
    expect(address!.externalId).toBe('447700900001');
    await new Promise((r) => setTimeout(r, 300));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, '0A0000000123ABCD1'))).toBe(1);

    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect((await getSms(query.replace('Hello', 'Hola'))).status).toBe(401);
    expect((await getSms(vg('inbound-sms-legacy.query.txt'))).status).toBe(401);
    const after = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('keeps the parts of a long SMS until all arrived, then stores one message in order', async () => {
    const part = (n: number, text: string) =>
      signParams(
        new URLSearchParams({
          'api-key': 'abcd1234',
          msisdn: '447700900002',
          to: '447700900000',
          messageId: `0B00000000000${n}`,
          text,
          type: 'text',
          'message-timestamp': '2020-01-01 12:00:00',
          concat: 'true',
          'concat-ref': '7',
          'concat-total': '3',
          'concat-part': String(n),
        }).toString(),
      );
    await getSms(part(3, 'tres.'));
    await getSms(part(1, 'Uno, '));
    await getSms(part(1, 'Uno, ')); // a retry of part 1
    await new Promise((r) => setTimeout(r, 500));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, '0B000000000001'))).toBe(0);
    await getSms(part(2, 'dos y '));
    const m = await stored('0B000000000001');
    expect(m.body).toBe('Uno, dos y tres.');
    expect(m.meta).toMatchObject({ parts: 3 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await setup.scope.count(messages, eq(messages.contactId, m.contactId))).toBe(1);
  });

  it('sends through /sms/json as the fixture form and applies delivery receipts', async () => {
    const conv = await conversationOf('447700900001');
    const m = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'Simple Message' });
    const sent = await settled(setup.scope, m.id);
    expect(sent.status).toBe('sent');
    const expected = new URLSearchParams(vg('send-sms-legacy.request.form.txt'));
    expected.set('to', '447700900001');
    expected.set('callback', `${rt.ctx.publicUrl()}/webhooks/vonage/${smsChannel}`);
    const body = new URLSearchParams(
      api
        .callsTo(/^\/sms\/json$/)
        .at(-1)!
        .body.toString(),
    );
    expect([...body].sort()).toEqual([...expected].sort());

    const receipt = signParams(
      vg('status-sms-legacy-delivered.query.txt').replace('0A0000001234567B', sent.providerMessageId!),
    );
    for (let i = 0; i < 2; i++) expect((await getSms(receipt)).status).toBe(200);
    await eventually(async () => (await stored(sent.providerMessageId!)).status === 'delivered');
  });

  it('retries a throttled send (status 1 inside HTTP 200) and fails a non-whitelisted one for good', async () => {
    const conv = await conversationOf('447700900001');
    api.queue('POST', /^\/sms\/json$/, { status: 200, body: vg('error-sms-legacy-1-throttled.json') });
    const throttled = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'uno' });
    expect((await settled(setup.scope, throttled.id, 20_000)).status).toBe('sent');
    api.queue('POST', /^\/sms\/json$/, { status: 200, body: vg('error-sms-legacy-29-non-whitelisted.json') });
    const demo = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'dos' });
    expect(await settled(setup.scope, demo.id)).toMatchObject({
      status: 'failed',
      errorCode: '29',
      errorReason: 'Non-White-listed Destination - rejected',
    });
  });

  it('takes JWT-signed Messages API webhooks once, refusing a wrong secret', async () => {
    const body = vg('messages-inbound-whatsapp-text.json');
    for (let i = 0; i < 2; i++) expect((await postMessages(body)).status).toBe(200);
    const m = await stored('8232c01c-9d21-4161-97d4-8f672398144d');
    expect(m.body).toBe('Whatsup');
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, m.contactId));
    expect(address).toMatchObject({ externalId: 'whatsapp:573005550103', displayName: 'Luis Gómez' });
    expect((await postMessages(body.replace('8232c01c', 'ffffffff'), 'a_wrong_secret_of_enough_length')).status).toBe(
      401,
    );
    expect(
      await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, 'ffffffff-9d21-4161-97d4-8f672398144d')),
    ).toBe(0);
    const [event] = await setup.scope.find(webhookEvents, eq(webhookEvents.providerEventId, m.providerMessageId!));
    expect(event!.headers.authorization).toBeUndefined();
  });

  it('replies on the contact’s channel through /v1/messages, then applies Messages API statuses', async () => {
    const conv = await conversationOf('whatsapp:573005550103');
    const m = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'Hello, World!' });
    const sent = await settled(setup.scope, m.id);
    expect(sent.status).toBe('sent');
    const call = api.callsTo(/^\/v1\/messages$/).at(-1)!;
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from('abcd1234:nexmo-api-secret').toString('base64')}`);
    expect(JSON.parse(call.body.toString())).toEqual({
      ...JSON.parse(vg('messages-send-sms.request.json')),
      channel: 'whatsapp',
      from: '14157386102',
      to: '573005550103',
    });
    const status = JSON.parse(vg('messages-status-submitted.json'));
    Object.assign(status, { message_uuid: sent.providerMessageId, status: 'read' });
    await postMessages(JSON.stringify(status));
    await eventually(async () => (await stored(sent.providerMessageId!)).status === 'read');

    const failing = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'x' });
    api.queue('POST', /^\/v1\/messages$/, { status: 422, body: vg('messages-error-1120-invalid-sender.json') });
    expect(await settled(setup.scope, failing.id)).toMatchObject({ status: 'failed', errorCode: '1120' });
  });

  it('fetches inbound media with the account’s credentials and signs sends with an RS256 application JWT', async () => {
    const { channel } = await createChannel(rt.ctx, setup.scope, {
      type: 'vonage',
      name: 'App',
      config: {
        api: 'messages',
        apiKey: 'abcd1234',
        apiSecret: 'nexmo-api-secret',
        signatureSecret: JWT_SECRET,
        applicationId: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        fromNumber: '14157386102',
        apiBaseUrl: api.url,
      },
    });
    const body = vg('messages-inbound-whatsapp-image.json').replace('https://api-us.nexmo.com', api.url);
    api.on('GET', /^\/v3\/media\//, (call) =>
      call.headers.authorization === `Basic ${Buffer.from('abcd1234:nexmo-api-secret').toString('base64')}`
        ? { status: 200, body: Buffer.from('jpeg'), headers: { 'content-type': 'image/jpeg' } }
        : { status: 401, body: 'unauthorized' },
    );
    const res = await fetch(`${rt.url}/webhooks/vonage/${channel.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${messagesJwt(body)}` },
      body,
    });
    expect(res.status).toBe(200);
    // The image is copied into Files with the account's credentials.
    const inbound = await eventually(async () => {
      const m = await stored('3f2a9c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b');
      return m.attachments[0]?.fileId ? m : undefined;
    });
    expect(inbound).toMatchObject({ body: 'Receipt', attachments: [{ type: 'image', mime: 'image/jpeg', size: 4 }] });
    const m = await queueOutbound(rt.ctx, setup.scope, inbound.conversationId, { text: 'Recibido' });
    expect((await settled(setup.scope, m.id)).status).toBe('sent');
    const auth = api.callsTo(/^\/v1\/messages$/).at(-1)!.headers.authorization!;
    const [head, claims, signature] = auth.replace('Bearer ', '').split('.');
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({
      application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    });
    const valid = crypto
      .createVerify('RSA-SHA256')
      .update(`${head}.${claims}`)
      .verify(publicKey, Buffer.from(signature!, 'base64url'));
    expect(valid).toBe(true);
  });

  it('marks the address unreachable on an opt-out receipt (DLR err-code 9, Messages API #1240), not on other failures', async () => {
    // The address on the channel the message went out on (the number also wrote on the second channel).
    const address = async (m: { contactId: number; channelId: number | null }) =>
      (
        await setup.scope.find(
          contactChannels,
          and(eq(contactChannels.contactId, m.contactId), eq(contactChannels.channelId, m.channelId!)),
        )
      )[0]!;
    const sendOn = async (externalId: string) => {
      const conv = await conversationOf(externalId);
      const sent = await settled(setup.scope, (await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'Hola' })).id);
      expect(sent.status).toBe('sent');
      return sent.providerMessageId!;
    };
    const failedWith = (providerId: string, code: string) =>
      eventually(async () => {
        const m = await stored(providerId);
        return m.status === 'failed' && m.errorCode === code ? m : undefined;
      });

    // Legacy SMS API: a receipt with a code that is not about consent leaves the address alone.
    const dlr = (providerId: string, errCode: string) =>
      signParams(
        vg('status-sms-legacy-delivered.query.txt')
          .replace('0A0000001234567B', providerId)
          .replace('status=delivered', 'status=failed')
          .replace('err-code=0', `err-code=${errCode}`),
      );
    const network = await sendOn('447700900001');
    expect((await getSms(dlr(network, '8'))).status).toBe(200);
    expect(await address(await failedWith(network, '8'))).toMatchObject({ unreachable: false });
    const stop = await sendOn('447700900001');
    expect((await getSms(dlr(stop, '9'))).status).toBe(200);
    const stopped = await failedWith(stop, '9');
    expect(stopped).toMatchObject({ errorReason: 'The recipient opted out (replied STOP)' });
    expect(await address(stopped)).toMatchObject({
      unreachable: true,
      unreachableReason: '9: The recipient opted out (replied STOP)',
    });

    // Messages API: the code is the `#NNNN` of the error type.
    const rejected = (providerId: string, code: string, detail: string) => {
      const status = JSON.parse(vg('messages-status-submitted.json'));
      Object.assign(status, {
        message_uuid: providerId,
        status: 'rejected',
        error: { type: `https://developer.nexmo.com/api-errors/messages-olympus#${code}`, title: code, detail },
      });
      return postMessages(JSON.stringify(status));
    };
    const unknown = await sendOn('whatsapp:573005550103');
    expect((await rejected(unknown, '1330', 'Unknown')).status).toBe(200);
    expect(await address(await failedWith(unknown, '1330'))).toMatchObject({ unreachable: false });
    const optedOut = await sendOn('whatsapp:573005550103');
    expect((await rejected(optedOut, '1240', 'Illegal Number')).status).toBe(200);
    expect(await address(await failedWith(optedOut, '1240'))).toMatchObject({
      unreachable: true,
      unreachableReason: '1240: Illegal Number',
    });
  });
});
