import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contactChannels, contacts, conversations } from '../src/db/schema';
import { createChannel } from '../src/modules/channels/service';
import { PROFILE_JOB } from '../src/modules/contacts/profile-job';
import { READ_RECEIPT_JOB } from '../src/modules/messages/read-receipt';
import { fixtureJson, type MetaChannel, postMetaWebhook, readFixture } from './support/meta-fixtures';
import { eventually } from './support/runtime';
import { APP_SECRET, NUMBER, TOKEN, startWhatsAppWorld, type WhatsAppWorld } from './support/whatsapp-world';

const PAGE = '682498302938465';
const IG_ACCOUNT = '17841400000000000';
const WAMID = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';
const unavailable = { status: 503, body: '{"error":{"message":"Service temporarily unavailable","code":2}}' };

/**
 * Read receipts when an agent opens a conversation (WhatsApp `status: read`, Messenger and Instagram
 * `mark_seen`) and
 * Messenger/Instagram profile names for new PSIDs/IGSIDs, both as jobs against the fake Graph API.
 */
describe('Meta read receipts and profiles', () => {
  let w: WhatsAppWorld;
  let messenger: { id: number; type: string };
  let instagram: { id: number; type: string };

  const add = async (type: MetaChannel, config: Record<string, unknown>) => {
    const { channel } = await createChannel(w.rt.ctx, w.setup.scope, {
      type,
      name: type,
      config: { appSecret: APP_SECRET, apiBaseUrl: w.graph.apiBaseUrl, ...config },
    });
    return { id: channel.id, type: channel.type };
  };
  /** A Messenger/Instagram text fixture from another sender and with its own mid. */
  const writeFrom = (channel: { id: number; type: string }, senderId: string, mid: string) => {
    const body = fixtureJson(channel.type as MetaChannel, 'inbound-text.json');
    const event = body.entry[0].messaging[0];
    event.sender.id = senderId;
    event.message.mid = mid;
    return postMetaWebhook(w.rt.url, channel, APP_SECRET, body);
  };
  const contactOf = async (channelId: number, externalId: string) => {
    const address = await eventually(
      async () =>
        (
          await w.setup.scope.find(
            contactChannels,
            and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
          )
        )[0],
    );
    return (await w.setup.scope.find(contacts, eq(contacts.id, address.contactId)))[0]!;
  };
  const conversationOf = async (contactId: number) =>
    (await w.setup.scope.find(conversations, eq(conversations.contactId, contactId)))[0]!;
  const markRead = (conversationId: number) =>
    w.session.json('POST', `/api/w/${w.setup.ws.slug}/conversations/${conversationId}/read`);
  const profileCalls = (id: string) => w.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith(`/${id}`));
  /** The queue's record of a job kind (its states tell whether a retry is still to come). */
  const jobs = async (name: string) => {
    const result = await w.rt.ctx.db.execute(
      sql`select state, data from pgboss.job where name = ${name} order by created_on`,
    );
    return (result as unknown as { rows: { state: string; data: Record<string, unknown> }[] }).rows;
  };

  beforeAll(async () => {
    // Outages are retried after 1 s, and workers look for due retries every second (defaults: 5 s and 5 s).
    w = await startWhatsAppWorld({ sideCallRetrySeconds: 1, jobPollSeconds: 1 });
    messenger = await add('messenger', { pageAccessToken: TOKEN, pageId: PAGE });
    instagram = await add('instagram', { accessToken: TOKEN, instagramAccountId: IG_ACCOUNT });
  });

  afterAll(async () => {
    await w?.close();
  });

  it('marks the latest inbound WhatsApp message read when an agent opens the conversation, retrying Graph outages', async () => {
    w.graph.respondToSend(unavailable);
    await w.post(NUMBER, readFixture('whatsapp', 'inbound-text.json'));
    const m = await eventually(() => w.message(WAMID));
    const conv = await conversationOf(m.contactId);
    expect(conv.unreadCount).toBe(1);
    expect((await markRead(conv.id)).status).toBe(204);
    // The first call meets the outage; the job retries with backoff and the second one is accepted.
    const receipts = await eventually(async () => (w.graph.receipts().length >= 2 ? w.graph.receipts() : null), 30_000);
    expect(receipts.map((r) => r.path)).toEqual([`/v21.0/${NUMBER}/messages`, `/v21.0/${NUMBER}/messages`]);
    expect(receipts[1]!.json).toEqual(fixtureJson('whatsapp', 'mark-read.request.json'));
    expect(receipts[1]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(w.graph.sends()).toEqual([]);
    // Nothing new to read: opening it again queues nothing for Graph.
    const queued = (await jobs(READ_RECEIPT_JOB)).length;
    expect((await markRead(conv.id)).status).toBe(204);
    expect(await jobs(READ_RECEIPT_JOB)).toHaveLength(queued);
    expect(w.graph.receipts()).toHaveLength(2);
  });

  it('sends Messenger’s mark_seen and fills a new PSID’s name and picture from its profile', async () => {
    const psid = '2000000000000001';
    w.graph.setProfile(psid, {
      first_name: 'Lucía',
      last_name: 'Fernández Gil',
      profile_pic: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=2000000000000001',
    });
    expect((await writeFrom(messenger, psid, 'mid.profile-1')).status).toBe(200);
    const filled = await eventually(async () => {
      const c = await contactOf(messenger.id, psid);
      return c.firstName ? c : null;
    });
    expect(filled).toMatchObject({
      firstName: 'Lucía',
      lastName: 'Fernández Gil',
      avatarUrl: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=2000000000000001',
    });
    const [call] = profileCalls(psid);
    expect(call!.authorization).toBe(`Bearer ${TOKEN}`);
    const conv = await conversationOf(filled.id);
    expect((await markRead(conv.id)).status).toBe(204);
    const seen = await eventually(async () => w.graph.receipts().find((r) => r.path === `/v21.0/${PAGE}/messages`));
    expect(seen.json).toEqual({ recipient: { id: psid }, sender_action: 'mark_seen' });
  });

  it('sends Instagram’s mark_seen as documented (POST /me/messages, the IGSID, sender_action), never for a comment', async () => {
    // Only a comment unread: a comment is not in the Direct thread a receipt marks seen, so nothing is queued.
    const commented = fixtureJson('instagram', 'comment.json');
    Object.assign(commented.entry[0].changes[0].value, { id: 'seen_comment_1', from: { id: '5680', username: 'leo' } });
    expect((await postMetaWebhook(w.rt.url, instagram, APP_SECRET, commented)).status).toBe(200);
    const commenter = await contactOf(instagram.id, '5680');
    const conv = await eventually(async () => {
      const c = await conversationOf(commenter.id);
      return c?.unreadCount ? c : null;
    });
    const queued = (await jobs(READ_RECEIPT_JOB)).length;
    expect((await markRead(conv.id)).status).toBe(204);
    expect(await jobs(READ_RECEIPT_JOB)).toHaveLength(queued);

    // A Direct message: the receipt marks it seen, in the shape of Meta's Instagram sender-actions guide.
    expect((await writeFrom(instagram, '5680', 'aWdfZAG1seen-ig')).status).toBe(200);
    await eventually(async () => ((await conversationOf(commenter.id)).unreadCount ? true : null));
    expect((await markRead(conv.id)).status).toBe(204);
    const seen = await eventually(async () =>
      w.graph.receipts().find((r) => r.path === '/v21.0/me/messages' && r.json.recipient?.id === '5680'),
    );
    expect(seen.json).toEqual(fixtureJson('instagram', 'mark-seen.request.json'));
    expect(seen.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('fills an Instagram user’s name from their profile', async () => {
    const igsid = '5679';
    w.graph.setProfile(igsid, { name: 'Marta Ruiz', username: 'marta.ruiz', profile_pic: 'https://cdn.example/p.jpg' });
    expect((await writeFrom(instagram, igsid, 'aWdfZAG1profile-ig')).status).toBe(200);
    const c = await eventually(async () => {
      const found = await contactOf(instagram.id, igsid);
      return found.firstName ? found : null;
    });
    expect(c).toMatchObject({ firstName: 'Marta', lastName: 'Ruiz', avatarUrl: 'https://cdn.example/p.jpg' });
    expect(profileCalls(igsid)).toHaveLength(1);
  });

  it('never overwrites a name an agent gave meanwhile; a 4xx refusal leaves the contact as it is', async () => {
    // Everything the server logs meanwhile, to check that failures are logged without the token.
    const logged: unknown[][] = [];
    const spies = (['info', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(w.rt.ctx.log, level).mockImplementation(((...args: unknown[]) => {
        logged.push(args);
      }) as never),
    );
    const psid = '2000000000000002';
    w.graph.setProfile(
      psid,
      { first_name: 'Graph', last_name: 'Name', profile_pic: 'https://cdn.example/g.jpg' },
      unavailable,
    );
    await writeFrom(messenger, psid, 'mid.profile-2');
    const c = await contactOf(messenger.id, psid);
    await eventually(async () => profileCalls(psid).length >= 1);
    const edit = await w.session.json('PATCH', `/api/w/${w.setup.ws.slug}/contacts/${c.id}`, { firstName: 'Agent' });
    expect(edit.status).toBe(200);
    // The retry gets the profile: the picture is filled, the agent's name stays.
    const after = await eventually(async () => {
      const [found] = await w.setup.scope.find(contacts, eq(contacts.id, c.id));
      return found?.avatarUrl ? found : null;
    }, 30_000);
    expect(after).toMatchObject({ firstName: 'Agent', lastName: null, avatarUrl: 'https://cdn.example/g.jpg' });
    expect(profileCalls(psid)).toHaveLength(2);

    // No profile for this one: Graph answers 400 (code 100), which is not retried.
    const unknown = '2000000000000003';
    await writeFrom(messenger, unknown, 'mid.profile-3');
    const gone = await contactOf(messenger.id, unknown);
    // The job ends on the refusal: completed, with no retry left to come.
    await eventually(async () =>
      (await jobs(PROFILE_JOB)).some((j) => j.data.contactId === gone.id && j.state === 'completed'),
    );
    expect(profileCalls(unknown)).toHaveLength(1);
    const [still] = await w.setup.scope.find(contacts, eq(contacts.id, gone.id));
    expect(still).toMatchObject({ firstName: null, lastName: null, avatarUrl: null });
    for (const spy of spies) spy.mockRestore();
    const text = logged.map((args) => JSON.stringify(args, (_k, v) => (v instanceof Error ? String(v) : v))).join('\n');
    expect(text).toContain('profile refused');
    expect(text).toContain('Service temporarily unavailable');
    expect(text).not.toContain(TOKEN);
  });
});
