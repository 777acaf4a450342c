import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../src/channels/twilio/verify';
import { contactChannels, contactIdentifiers, messages, webhookEvents } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { conversationOfAddress, fixture, queueOutbound, settled, storedMessage } from './support/channel-helpers';
import { factories } from './support/factories';
import { type FakeProvider, startFakeProvider } from './support/fake-provider';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const SID = 'AC00112233445566778899aabbccddeeff';
const AUTH_TOKEN = 'test_auth_token_0123456789';
const MESSAGES = new RegExp(`^/2010-04-01/Accounts/${SID}/Messages.json$`);
const tw = (name: string) => fixture('twilio', name).toString();

describe('Twilio channel', () => {
  let rt: TestRuntime;
  let api: FakeProvider;
  let session: Session;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channelId: number;
  let webhookUrl: string;

  const post = (body: string, opts: { token?: string } = {}) =>
    fetch(`${rt.url}/webhooks/twilio/${channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        // Twilio signs the public URL it called, not the loopback address the test uses.
        'x-twilio-signature': twilioSignature(opts.token ?? AUTH_TOKEN, webhookUrl, new URLSearchParams(body)),
      },
      body,
    });
  const stored = (id: string) => storedMessage(setup.scope, id);
  const smsConversation = () => conversationOfAddress(setup.scope, '+12025550107');

  beforeAll(async () => {
    rt = await startTestRuntime();
    api = await startFakeProvider();
    // The fixture's answer, with a fresh sid after the first (sids are unique per message).
    let sent = 0;
    api.on('POST', MESSAGES, () => {
      const sid = sent++ === 0 ? 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' : `SM${String(sent).padStart(32, '0')}`;
      return { status: 201, body: tw('send-sms.response.json').replace(/SMa{32}/g, sid) };
    });
    api.on('GET', /\/Media\/ME0a1b2c3d4e5f60718293a4b5c6d7e8f$/, (call) =>
      call.headers.authorization === `Basic ${Buffer.from(`${SID}:${AUTH_TOKEN}`).toString('base64')}`
        ? { status: 200, body: Buffer.from('jpeg-bytes'), headers: { 'content-type': 'image/jpeg' } }
        : { status: 401, body: '{"code":20003,"message":"Authenticate"}' },
    );
    setup = await factories(rt.ctx).workspace();
    session = await loginSession(rt.url, setup.owner.email);
    const { channel } = await createChannel(rt.ctx, setup.scope, {
      type: 'twilio',
      name: 'SMS',
      config: { accountSid: SID, authToken: AUTH_TOKEN, fromNumber: '+14155552345', apiBaseUrl: api.url },
    });
    channelId = channel.id;
    webhookUrl = `${rt.ctx.publicUrl()}/webhooks/twilio/${channelId}`;
  });

  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  it('stores an inbound SMS once when delivered twice and answers each delivery with empty TwiML', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post(tw('inbound-sms.form.txt'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await res.text()).toBe(tw('webhook-reply-empty.twiml.xml'));
    }
    const m = await stored('SM1521fa559fb923c1ed64f56cd1bed8ef');
    expect(m.body).toBe('twilio-go testing!');
    await new Promise((r) => setTimeout(r, 300));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, m.providerMessageId!))).toBe(1);
    const [phone] = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, m.contactId));
    expect(phone).toMatchObject({ kind: 'phone', value: '+12025550107', verified: true, source: 'twilio' });
  });

  it('answers 401 to a bad or missing signature and stores nothing', async () => {
    const before = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    const forged = tw('inbound-sms.form.txt').replace('SM1521', 'SM9999');
    expect((await post(forged, { token: 'wrong_token_0123456789' })).status).toBe(401);
    const unsigned = await fetch(`${rt.url}/webhooks/twilio/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: forged,
    });
    expect(unsigned.status).toBe(401);
    const after = await rt.ctx.db.select({ n: count() }).from(webhookEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('keeps the whatsapp: address and the profile name of a WhatsApp sender', async () => {
    await post(tw('inbound-whatsapp.form.txt'));
    const m = await stored('SM0a1b2c3d4e5f60718293a4b5c6d7e8f0');
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, m.contactId));
    expect(address).toMatchObject({ externalId: 'whatsapp:+14155550123', displayName: 'Jane Doe' });
    const [phone] = await setup.scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, m.contactId));
    expect(phone).toMatchObject({ value: '+14155550123', verified: true });
  });

  it('fetches MMS media into Files with the account’s basic auth', async () => {
    const body = tw('inbound-mms.form.txt').replace(
      encodeURIComponent('https://api.twilio.com'),
      encodeURIComponent(api.url),
    );
    expect((await post(body)).status).toBe(200);
    const m = await eventually(async () => {
      const row = await stored('MM4f0a9a6bd2e1b7a2c8d5e3f1a0b9c8d7');
      return row.attachments[0]?.fileId ? row : undefined;
    });
    expect(m.attachments[0]).toMatchObject({ type: 'image', mime: 'image/jpeg', size: 10 });
  });

  it('sends a reply as the fixture’s form with basic auth and this channel as StatusCallback', async () => {
    const conv = await smsConversation();
    const { body } = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv.id}/messages`, {
      text: 'Hello! 👍',
    });
    const sent = await settled(setup.scope, body.id);
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    const call = api.callsTo(MESSAGES).at(-1)!;
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${AUTH_TOKEN}`).toString('base64')}`);
    const expected = new URLSearchParams(tw('send-sms.request.form.txt'));
    expected.set('To', '+12025550107');
    expected.set('StatusCallback', webhookUrl);
    expect([...new URLSearchParams(call.body.toString())]).toEqual([...expected]);
  });

  it('applies status callbacks in order of progress, each once', async () => {
    const sid = 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const callback = (name: string) => tw(name).replace(/SM[0-9a-f]{32}/, sid);
    for (const name of [
      'status-sent.form.txt',
      'status-read.form.txt',
      'status-delivered.form.txt',
      'status-read.form.txt',
    ])
      expect((await post(callback(name))).status).toBe(200);
    await eventually(async () => (await stored(sid)).readAt);
    const m = await stored(sid);
    expect(m.status).toBe('read');
    expect(m.deliveredAt).not.toBeNull();
    expect(await setup.scope.count(webhookEvents, eq(webhookEvents.providerEventId, `${sid}:read`))).toBe(1);
  });

  it('stores the error code and reason of a failed status callback', async () => {
    const conv = await smsConversation();
    api.queue('POST', MESSAGES, {
      status: 201,
      body: tw('send-sms.response.json').replace(/SMa{32}/g, 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'),
    });
    const m = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'hola' });
    expect((await settled(setup.scope, m.id)).providerMessageId).toBe('SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    await post(tw('status-failed-63018.form.txt').replace(/SM[0-9a-f]{32}/, 'SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'));
    const failed = await eventually(async () => {
      const [row] = await setup.scope.find(messages, eq(messages.id, m.id));
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed).toMatchObject({ errorCode: '63018', errorReason: 'Rate limit exceeded for the WhatsApp sender' });
  });

  it('fails 21211 for good, retries 20429, and marks an unsubscribed (21610) number unreachable', async () => {
    const conv = await smsConversation();
    api.queue('POST', MESSAGES, { status: 400, body: tw('error-21211-invalid-to.json') });
    const invalid = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'uno' });
    expect(await settled(setup.scope, invalid.id)).toMatchObject({ status: 'failed', errorCode: '21211' });

    api.queue('POST', MESSAGES, {
      status: 429,
      body: tw('error-20429-too-many-requests.json'),
      headers: { 'retry-after': '1' },
    });
    const throttled = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'dos' });
    const calls = api.callsTo(MESSAGES).length;
    expect((await settled(setup.scope, throttled.id, 20_000)).status).toBe('sent');
    const attempts = api.callsTo(MESSAGES).slice(calls);
    expect(attempts.map((c) => c.status)).toEqual([429, 201]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(800);

    api.queue('POST', MESSAGES, { status: 400, body: tw('error-21610-unsubscribed.json') });
    const stop = await queueOutbound(rt.ctx, setup.scope, conv.id, { text: 'tres' });
    expect(await settled(setup.scope, stop.id)).toMatchObject({ status: 'failed', errorCode: '21610' });
    const [address] = await setup.scope.find(contactChannels, eq(contactChannels.contactId, conv.contactId));
    expect(address).toMatchObject({
      unreachable: true,
      unreachableReason: '21610: Attempt to send to unsubscribed recipient',
    });
  });

  it('takes a STOP-style reply (BAJA) as an opt-out: replies are refused with the reason until the contact writes again', async () => {
    const form = (sid: string, text: string) => {
      const p = new URLSearchParams(tw('inbound-sms.form.txt'));
      p.set('MessageSid', sid);
      p.set('SmsSid', sid);
      p.set('Body', text);
      return p.toString();
    };
    expect((await post(form('SMstop000000000000000000000000001', ' Baja. '))).status).toBe(200);
    const conv = await smsConversation();
    const address = async () =>
      (await setup.scope.find(contactChannels, eq(contactChannels.contactId, conv.contactId)))[0]!;
    await eventually(async () => (await address()).unreachableReason?.startsWith('opted_out'));
    expect((await address()).unreachableReason).toBe('opted_out: the contact replied "Baja."');
    const refused = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv.id}/messages`, {
      text: '¿Seguro?',
    });
    expect(refused).toMatchObject({ status: 400, body: { code: 'unreachable' } });

    expect((await post(form('SMstop000000000000000000000000002', 'Hola de nuevo'))).status).toBe(200);
    await eventually(async () => !(await address()).unreachable);
    expect((await address()).unreachableReason).toBeNull();
  });
});
