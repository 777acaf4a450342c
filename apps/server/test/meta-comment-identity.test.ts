import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, conversations } from '../src/db/schema';
import { messageByProviderId, messageSettled } from './support/messages';
import { fixtureJson, postMetaWebhook } from './support/meta-fixtures';
import { META_APP_SECRET, META_PAGE, type MetaWorld, startMetaWorld } from './support/meta-world';
import { eventually } from './support/runtime';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A Page comment's author id is not guaranteed to be the PSID the person has in Messenger; Meta's answer to
 * the private reply names it (`recipient_id`). Charla links it to the commenter's contact, or suggests a
 * merge when another contact already holds it.
 */
describe('Commenter identity from private replies', () => {
  let w: MetaWorld;
  const base = () => `/api/w/${w.setup.ws.slug}`;
  const comment = async (commentId: string, authorId: string, name: string) => {
    const payload = fixtureJson('messenger', 'feed-comment.json');
    Object.assign(payload.entry[0].changes[0].value, {
      comment_id: commentId,
      created_time: nowSeconds() - 60,
      from: { id: authorId, name },
    });
    expect((await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, payload)).status).toBe(200);
    return eventually(() => messageByProviderId(w.setup.scope, `comment:${commentId}`));
  };
  const dm = async (psid: string, mid: string, text: string) => {
    const payload = fixtureJson('messenger', 'inbound-text.json');
    const event = payload.entry[0].messaging[0];
    event.sender.id = psid;
    event.timestamp = Date.now();
    event.message = { mid, text };
    expect((await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, payload)).status).toBe(200);
    return eventually(() => messageByProviderId(w.setup.scope, mid));
  };
  const replyPrivately = async (conversationId: number, commentMessageId: number) => {
    const res = await w.session.json('POST', `${base()}/conversations/${conversationId}/messages`, {
      text: 'Te escribimos por aquí',
      privateReplyTo: commentMessageId,
    });
    expect(res.status).toBe(201);
    expect((await messageSettled(w.setup.scope, res.body.id)).status).toBe('sent');
    return res.body.id as number;
  };
  const addressesOf = (contactId: number) =>
    w.setup.scope.find(
      contactChannels,
      and(eq(contactChannels.contactId, contactId), eq(contactChannels.channelId, w.messenger.id)),
    );

  beforeAll(async () => {
    w = await startMetaWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('links the PSID Meta names to the commenter, so their later messages join the same contact and conversation', async () => {
    const psid = '2600000000000001';
    const stored = await comment('link_1', '9100000000000001', 'Marta Ruiz');
    w.graph.setCommenter('link_1', psid);
    await replyPrivately(stored.conversationId, stored.id);
    const [call] = w.graph.sends().slice(-1);
    expect(call!.json.recipient).toEqual({ comment_id: 'link_1' });
    expect((await addressesOf(stored.contactId)).map((a) => a.externalId).sort()).toEqual([
      '2600000000000001',
      '9100000000000001',
    ]);

    const answer = await dm(psid, 'mid.link-answer-1', 'Gracias, ¿tienen envío?');
    expect([answer.contactId, answer.conversationId]).toEqual([stored.contactId, stored.conversationId]);
    // The window is open on the PSID now: the composer offers the page once, open, and a plain reply goes
    // out to the PSID, not to the comment's author id.
    const offered = await w.session.json('GET', `${base()}/conversations/${stored.conversationId}/reply-channels`);
    expect(offered.body.items.map((c: { id: number; windowOpen: boolean }) => [c.id, c.windowOpen])).toEqual([
      [w.messenger.id, true],
    ]);
    const before = w.graph.sends().length;
    const reply = await w.session.json('POST', `${base()}/conversations/${stored.conversationId}/messages`, {
      text: 'Sí, a todo el país',
      channelId: w.messenger.id,
    });
    expect(reply.status).toBe(201);
    expect((await messageSettled(w.setup.scope, reply.body.id)).status).toBe('sent');
    expect(
      w.graph
        .sends()
        .slice(before)
        .map((c) => [c.path, c.json.recipient]),
    ).toEqual([[`/v21.0/${META_PAGE}/messages`, { id: psid }]]);
  });

  it('suggests a merge instead of moving a PSID another contact already holds', async () => {
    const psid = '2600000000000002';
    const earlier = await dm(psid, 'mid.owner-1', 'Hola');
    const stored = await comment('link_2', '9100000000000002', 'Pablo Gil');
    expect(stored.contactId).not.toBe(earlier.contactId);
    w.graph.setCommenter('link_2', psid);
    await replyPrivately(stored.conversationId, stored.id);
    const [owner] = await w.setup.scope.find(
      contactChannels,
      and(eq(contactChannels.channelId, w.messenger.id), eq(contactChannels.externalId, psid)),
    );
    expect(owner!.contactId).toBe(earlier.contactId);
    expect((await addressesOf(stored.contactId)).map((a) => a.externalId)).toEqual(['9100000000000002']);
    const list = await w.session.json('GET', `${base()}/merge-suggestions?contactId=${stored.contactId}`);
    expect(list.body.items).toMatchObject([
      {
        reasonKind: 'channel',
        reasonValue: psid,
        status: 'open',
        contacts: [
          { id: Math.min(stored.contactId, earlier.contactId) },
          { id: Math.max(stored.contactId, earlier.contactId) },
        ],
      },
    ]);
    // The person's next message still lands on the contact that held the PSID.
    const next = await dm(psid, 'mid.owner-2', 'Sigo por aquí');
    expect(next.contactId).toBe(earlier.contactId);
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.id, next.conversationId));
    expect(conv!.contactId).toBe(earlier.contactId);
  });
});
