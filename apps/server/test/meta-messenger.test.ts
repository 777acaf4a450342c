import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, conversations, messages, webhookEvents } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { factories } from './support/factories';
import { type FakeGraph, startFakeGraph } from './support/fake-graph';
import { loginSession, type Session } from './support/http';
import { messageByProviderId, messageSettled } from './support/messages';
import { fixtureJson, type MetaChannel, postMetaWebhook, readFixture } from './support/meta-fixtures';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const APP_SECRET = 'test_app_secret';
const TOKEN = 'EAAG-fake-page-token';
const PAGE = '682498302938465';
const PSID = '1254459154682919';
const IG_ACCOUNT = '17841400000000000';
const IGSID = '5678';
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

describe('Messenger and Instagram channels', () => {
  let rt: TestRuntime;
  let graph: FakeGraph;
  let session: Session;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let messenger: { id: number; type: string };
  let instagram: { id: number; type: string };

  const add = async (type: MetaChannel, config: Record<string, unknown>) => {
    const { channel, shownOnce } = await createChannel(rt.ctx, setup.scope, {
      type,
      name: `${type} ${Object.keys(config).join()}`,
      config: { appSecret: APP_SECRET, apiBaseUrl: graph.apiBaseUrl, ...config },
    });
    return { id: channel.id, type: channel.type, verifyToken: shownOnce.verifyToken! };
  };
  const post = (ch: { id: number; type: string }, body: Buffer | object) =>
    postMetaWebhook(rt.url, ch, APP_SECRET, body);
  const message = (providerMessageId: string) => messageByProviderId(setup.scope, providerMessageId);
  const address = async (channelId: number, externalId: string) =>
    (
      await setup.scope.find(
        contactChannels,
        and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
      )
    )[0];
  const reply = async (channelId: number, externalId: string, text: string) => {
    const a = await address(channelId, externalId);
    const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, a!.contactId));
    const res = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv!.id}/messages`, {
      text,
      channelId,
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const settled = (id: number, statuses?: string[]) => messageSettled(setup.scope, id, statuses);
  const statusOf = async (id: number) => (await setup.scope.find(messages, eq(messages.id, id)))[0]!.status;

  beforeAll(async () => {
    rt = await startTestRuntime();
    graph = await startFakeGraph(TOKEN);
    setup = await factories(rt.ctx).workspace();
    session = await loginSession(rt.url, setup.owner.email);
    messenger = await add('messenger', { pageAccessToken: TOKEN, pageId: PAGE, verifyToken: 'meatyhamhock' });
    instagram = await add('instagram', { accessToken: TOKEN, instagramAccountId: IG_ACCOUNT });
  });

  afterAll(async () => {
    await graph?.close();
    await rt?.close();
  });

  it('answers the handshake and refuses unsigned posts', async () => {
    const query = readFixture('messenger', 'verify-handshake.query.txt').toString();
    const ok = await fetch(`${rt.url}/webhooks/messenger/${messenger.id}?${query}`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    expect((await fetch(`${rt.url}/webhooks/instagram/${instagram.id}?${query}`)).status).toBe(403);
    const bad = await postMetaWebhook(rt.url, messenger, APP_SECRET, readFixture('messenger', 'inbound-text.json'), {
      badSignature: true,
    });
    expect(bad.status).toBe(401);
    expect(await message('mid.1457764197618:41d102a3e1ae206a38')).toBeUndefined();
  });

  it('stores a Messenger text once, from a PSID contact without phone', async () => {
    for (let i = 0; i < 2; i++)
      expect((await post(messenger, readFixture('messenger', 'inbound-text.json'))).status).toBe(200);
    const m = await eventually(() => message('mid.1457764197618:41d102a3e1ae206a38'));
    expect(m).toMatchObject({ body: 'hello, world!', meta: { interactive: { type: 'quick_reply' } } });
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, m.providerMessageId!))).toBe(1);
    const a = await address(messenger.id, PSID);
    const [c] = await setup.scope.find(contacts, eq(contacts.id, a!.contactId));
    expect(c!.phone).toBeNull();
  });

  it('downloads Messenger and Instagram image URLs into Files', async () => {
    const cases = [
      [messenger, 'messenger', 'mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c'],
      [instagram, 'instagram', 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQy'],
    ] as const;
    for (const [ch, name, mid] of cases) {
      const payload = fixtureJson(name, 'inbound-image.json');
      payload.entry[0].messaging[0].message.attachments[0].payload.url = graph.addCdnFile(
        `${name}.jpg`,
        JPEG,
        'image/jpeg',
      );
      for (let i = 0; i < 2; i++) await post(ch, payload);
      const stored = await eventually(async () => {
        const m = await message(mid);
        return m?.attachments[0]?.fileId ? m : undefined;
      });
      expect(stored.attachments).toEqual([
        expect.objectContaining({ type: 'image', mime: 'image/jpeg', size: JPEG.length }),
      ]);
      const file = await session.request('GET', `/api/files/${stored.attachments[0]!.fileId}`);
      expect(Buffer.from(await file.arrayBuffer())).toEqual(JPEG);
    }
  });

  it('sends a Messenger reply as a RESPONSE with the Send API’s body', async () => {
    graph.respondToSend({ status: 200, body: readFixture('messenger', 'send-text.response.json') });
    const sent = await settled(await reply(messenger.id, PSID, 'hello, world'));
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'AG5Hz2U...' });
    const call = graph.sends().at(-1)!;
    expect(call.path).toBe(`/v21.0/${PAGE}/messages`);
    expect(call.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.json).toEqual(fixtureJson('messenger', 'send-text.request.json'));
  });

  it('tags late replies HUMAN_AGENT when the page may, else with the chosen message tag, and refuses untagged ones before queueing', async () => {
    const tagged = await add('messenger', { pageAccessToken: TOKEN, pageId: '111', humanAgentTag: true });
    const payload = fixtureJson('messenger', 'inbound-text-no-quick-reply.body.txt');
    payload.entry[0].id = '111';
    payload.entry[0].messaging[0].sender.id = '12345';
    payload.entry[0].messaging[0].recipient.id = '111';
    await post(tagged, payload);
    await eventually(() => address(tagged.id, '12345'));
    const late = { lastInboundAt: new Date(Date.now() - 30 * 3600_000) };
    await setup.scope.update(contactChannels, late, eq(contactChannels.id, (await address(tagged.id, '12345'))!.id));
    await settled(await reply(tagged.id, '12345', 'Simple Message'));
    expect(graph.sends().at(-1)!.json).toEqual(fixtureJson('messenger', 'send-text-human-agent.request.json'));

    await setup.scope.update(contactChannels, late, eq(contactChannels.id, (await address(messenger.id, PSID))!.id));
    const before = graph.sends().length;
    const count = await setup.scope.count(messages);
    const a = await address(messenger.id, PSID);
    const [conv] = await setup.scope.find(conversations, eq(conversations.contactId, a!.contactId));
    const convUrl = `/api/w/${setup.ws.slug}/conversations/${conv!.id}`;
    const lateReply = (body: Record<string, unknown>) =>
      session.json('POST', `${convUrl}/messages`, { channelId: messenger.id, ...body });
    // Without the human agent permission a late reply needs a tag that applies; it is refused before queueing.
    const untagged = await lateReply({ text: 'tarde' });
    expect([untagged.status, untagged.body.code]).toEqual([400, 'message_tag_required']);
    expect(untagged.body.message).toMatch(/ACCOUNT_UPDATE, POST_PURCHASE_UPDATE, CONFIRMED_EVENT_UPDATE/);
    const human = await lateReply({ text: 'tarde', messageTag: 'HUMAN_AGENT' });
    expect([human.status, human.body.code]).toEqual([400, 'message_tag_not_allowed']);
    expect(await setup.scope.count(messages)).toBe(count);
    expect(graph.sends().length).toBe(before);
    const channels = await session.json('GET', `${convUrl}/reply-channels`);
    expect(channels.body.items.find((i: { id: number }) => i.id === messenger.id)).toMatchObject({
      windowOpen: false,
      messageTags: ['ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'],
    });
    const tagged2 = await lateReply({ text: 'Tu pedido salió hoy', messageTag: 'POST_PURCHASE_UPDATE' });
    expect(tagged2.status).toBe(201);
    expect((await settled(tagged2.body.id)).status).toBe('sent');
    expect(graph.sends().at(-1)!.json).toEqual({
      recipient: { id: PSID },
      messaging_type: 'MESSAGE_TAG',
      tag: 'POST_PURCHASE_UPDATE',
      message: { text: 'Tu pedido salió hoy' },
    });
    await setup.scope.update(
      contactChannels,
      { lastInboundAt: new Date() },
      eq(contactChannels.id, (await address(messenger.id, PSID))!.id),
    );
  });

  it('marks every reply up to the delivery and read watermarks, never moving one back', async () => {
    const first = await settled(await reply(messenger.id, PSID, 'uno'));
    graph.respondToSend({ status: 400, body: readFixture('messenger', 'error-10-outside-window.json') });
    const failed = await settled(await reply(messenger.id, PSID, 'falla'));
    expect(failed.status).toBe('failed');
    const watermark = Date.now() + 1; // after "uno" was sent, before "dos"
    await new Promise((r) => setTimeout(r, 20));
    const second = await settled(await reply(messenger.id, PSID, 'dos'));

    const delivered = fixtureJson('messenger', 'status-delivered.json');
    delete delivered.entry[0].messaging[0].delivery.mids; // "mids may be absent": the watermark alone counts
    delivered.entry[0].messaging[0].delivery.watermark = watermark;
    for (let i = 0; i < 2; i++) await post(messenger, delivered);
    await eventually(async () => (await statusOf(first.id)) === 'delivered');
    expect(await statusOf(second.id)).toBe('sent');
    expect(await statusOf(failed.id)).toBe('failed');
    expect(
      await setup.scope.count(
        webhookEvents,
        eq(webhookEvents.providerEventId, `watermark:${PSID}:delivered:${watermark}`),
      ),
    ).toBe(1);

    const read = fixtureJson('messenger', 'status-read.json');
    read.entry[0].messaging[0].read.watermark = Date.now() + 1;
    await post(messenger, read);
    await eventually(async () => (await statusOf(second.id)) === 'read');
    expect(await statusOf(first.id)).toBe('read');
    expect(await statusOf(failed.id)).toBe('failed');
    const [m] = await setup.scope.find(messages, eq(messages.id, second.id));
    expect(m!.deliveredAt).not.toBeNull();

    delivered.entry[0].messaging[0].delivery.watermark = Date.now() + 2;
    await post(messenger, delivered);
    await eventually(
      async () =>
        (
          await setup.scope.find(
            webhookEvents,
            eq(
              webhookEvents.providerEventId,
              `watermark:${PSID}:delivered:${delivered.entry[0].messaging[0].delivery.watermark}`,
            ),
          )
        )[0]?.processedAt,
    );
    expect(await statusOf(second.id)).toBe('read');
  });

  it('maps Send API errors: rate limit retried, person unavailable marks the address unreachable', async () => {
    const before = graph.sends().length;
    graph.respondToSend({
      status: 400,
      body: readFixture('messenger', 'error-613-rate-limit.json'),
      headers: { 'retry-after': '1' },
    });
    expect(await settled(await reply(messenger.id, PSID, 'reintento'))).toMatchObject({ status: 'sent' });
    expect(graph.sends().length - before).toBe(2);

    graph.respondToSend({ status: 400, body: readFixture('messenger', 'error-551-person-unavailable.json') });
    const gone = await settled(await reply(messenger.id, PSID, '¿hola?'));
    expect(gone).toMatchObject({
      status: 'failed',
      errorCode: '551',
      errorReason: "(#551) This person isn't available right now.",
    });
    const a = await eventually(async () => {
      const found = await address(messenger.id, PSID);
      return found?.unreachable ? found : undefined;
    });
    expect(a.unreachableReason).toBe("551: (#551) This person isn't available right now.");
  });

  it('stores Instagram texts once and replies through /me/messages', async () => {
    for (let i = 0; i < 2; i++) await post(instagram, readFixture('instagram', 'inbound-text.json'));
    await eventually(() => message('aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx'));
    expect(
      await setup.scope.count(messages, eq(messages.providerMessageId, 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx')),
    ).toBe(1);

    graph.respondToSend({ status: 200, body: readFixture('instagram', 'send-text.response.json') });
    expect(await settled(await reply(instagram.id, IGSID, 'Simple Message'))).toMatchObject({
      providerMessageId: 'mid.133',
    });
    const call = graph.sends().at(-1)!;
    expect(call.path).toBe('/v21.0/me/messages');
    expect(call.json).toEqual(fixtureJson('instagram', 'send-text.request.json'));

    graph.respondToSend({ status: 400, body: readFixture('instagram', 'error-10-outside-window.json') });
    const refused = await settled(await reply(instagram.id, IGSID, 'otra'));
    expect(refused).toMatchObject({ status: 'failed', errorCode: '10' });
    expect(refused.errorReason).toMatch(/24-hour customer service window/);
  });
});
