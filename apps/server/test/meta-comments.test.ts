import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, conversations } from '../src/db/schema';
import { messageByProviderId, messageSettled } from './support/messages';
import { fixtureJson, postMetaWebhook, readFixture } from './support/meta-fixtures';
import {
  META_APP_SECRET,
  META_IG_ACCOUNT,
  META_PAGE,
  META_TOKEN,
  type MetaWorld,
  startMetaWorld,
} from './support/meta-world';
import { eventually } from './support/runtime';

const COMMENT = '1098765432109876_2233445566778899';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Comments on our posts (Messenger's Page `feed` field, Instagram's `comments` field; documented payload
 * shapes in the channels' fixtures) and the one private reply Meta allows per comment.
 */
describe('Comments and private replies', () => {
  let w: MetaWorld;
  const feedComment = (commentId: string, createdTime: number, change: Record<string, unknown> = {}) => {
    const payload = fixtureJson('messenger', 'feed-comment.json');
    Object.assign(payload.entry[0].changes[0].value, { comment_id: commentId, created_time: createdTime }, change);
    return payload;
  };
  const conversationOf = async (channelId: number, externalId: string) => {
    const [a] = await w.setup.scope.find(
      contactChannels,
      and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
    );
    const [conv] = await w.setup.scope.find(conversations, eq(conversations.contactId, a!.contactId));
    return { address: a!, conversationId: conv!.id };
  };
  const send = (conversationId: number, body: Record<string, unknown>) =>
    w.session.json('POST', `/api/w/${w.setup.ws.slug}/conversations/${conversationId}/messages`, body);

  beforeAll(async () => {
    w = await startMetaWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('shows a Page comment as a comment in the inbox, without opening the messaging window', async () => {
    const payload = feedComment(COMMENT, nowSeconds() - 3600);
    for (let i = 0; i < 2; i++)
      expect((await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, payload)).status).toBe(200);
    const stored = await eventually(() => messageByProviderId(w.setup.scope, `comment:${COMMENT}`));
    expect(stored).toMatchObject({
      direction: 'in',
      body: '¿Tienen la talla M?',
      meta: { comment: { id: COMMENT, postId: '682498302938465_1098765432109876', parentId: null } },
    });
    const { address, conversationId } = await conversationOf(w.messenger.id, '1254459154682919');
    expect(address.lastInboundAt).toBeNull();
    const list = await w.session.json('GET', `/api/w/${w.setup.ws.slug}/conversations/${conversationId}/messages`);
    const dto = list.body.items.find((m: { id: number }) => m.id === stored.id);
    expect(dto.comment).toMatchObject({
      id: COMMENT,
      permalink: 'https://www.facebook.com/682498302938465/posts/1098765432109876',
      privateReplyMessageId: null,
    });
    // Only a private reply may answer it: a plain reply needs the window (or a message tag).
    const plain = await send(conversationId, { text: 'Hola', channelId: w.messenger.id });
    expect([plain.status, plain.body.code]).toEqual([400, 'message_tag_required']);
  });

  it('answers a comment once, privately, by comment_id in the Send API', async () => {
    const stored = (await messageByProviderId(w.setup.scope, `comment:${COMMENT}`))!;
    const before = w.graph.sends().length;
    const res = await send(stored.conversationId, {
      text: '¡Hola Ana! Sí, te paso los detalles por aquí.',
      privateReplyTo: stored.id,
    });
    expect(res.status).toBe(201);
    const sent = await messageSettled(w.setup.scope, res.body.id);
    expect(sent.status).toBe('sent');
    const calls = w.graph.sends().slice(before);
    expect(calls.map((c) => c.path)).toEqual([`/v21.0/${META_PAGE}/messages`]);
    expect(calls[0]!.json).toEqual(fixtureJson('messenger', 'private-reply.request.json'));
    const again = await send(stored.conversationId, { text: 'Otra vez', privateReplyTo: stored.id });
    expect([again.status, again.body.code]).toEqual([400, 'private_reply_used']);
    expect(w.graph.sends().length).toBe(before + 1);
    const marked = await messageByProviderId(w.setup.scope, `comment:${COMMENT}`);
    expect(marked!.meta).toMatchObject({ comment: { privateReply: { messageId: res.body.id } } });
  });

  it('releases a comment whose private reply Meta refused for good, showing why, and lets the agent try again', async () => {
    await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, feedComment('refused_1', nowSeconds() - 60));
    const comment = await eventually(() => messageByProviderId(w.setup.scope, 'comment:refused_1'));
    const commentDto = async () => {
      const list = await w.session.json(
        'GET',
        `/api/w/${w.setup.ws.slug}/conversations/${comment.conversationId}/messages`,
      );
      return list.body.items.find((m: { id: number }) => m.id === comment.id).comment;
    };
    w.graph.respondToSend({ status: 403, body: readFixture('messenger', 'error-200-permission.json') });
    const refused = await send(comment.conversationId, { text: 'Te escribo por privado', privateReplyTo: comment.id });
    expect(refused.status).toBe(201);
    const failed = await messageSettled(w.setup.scope, refused.body.id);
    expect([failed.status, failed.errorCode]).toEqual(['failed', '200']);
    expect(await commentDto()).toMatchObject({
      privateReplyMessageId: null,
      privateReplyFailure: { code: '200', reason: '(#200) Requires pages_messaging permission to manage the object' },
    });
    // Released: a second private reply is accepted and sent; once it is, the comment is answered for good.
    const retried = await send(comment.conversationId, { text: 'Te escribo por privado', privateReplyTo: comment.id });
    expect(retried.status).toBe(201);
    expect((await messageSettled(w.setup.scope, retried.body.id)).status).toBe('sent');
    expect(await commentDto()).toMatchObject({ privateReplyMessageId: retried.body.id, privateReplyFailure: null });
    const third = await send(comment.conversationId, { text: 'Otra más', privateReplyTo: comment.id });
    expect([third.status, third.body.code]).toEqual([400, 'private_reply_used']);
  });

  it('sends a reply to a contact who only commented with the message tag the agent chose', async () => {
    const stored = (await messageByProviderId(w.setup.scope, `comment:${COMMENT}`))!;
    const before = w.graph.sends().length;
    const res = await send(stored.conversationId, {
      text: 'Tu pedido ya salió',
      channelId: w.messenger.id,
      messageTag: 'POST_PURCHASE_UPDATE',
    });
    expect(res.status).toBe(201);
    expect((await messageSettled(w.setup.scope, res.body.id)).status).toBe('sent');
    expect(
      w.graph
        .sends()
        .slice(before)
        .map((c) => c.json),
    ).toEqual([
      {
        recipient: { id: '1254459154682919' },
        messaging_type: 'MESSAGE_TAG',
        tag: 'POST_PURCHASE_UPDATE',
        message: { text: 'Tu pedido ya salió' },
      },
    ]);
  });

  it('refuses a private reply after 7 days, and one with files, before calling Meta', async () => {
    await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, feedComment('old_1', nowSeconds() - 8 * 86_400));
    const old = await eventually(() => messageByProviderId(w.setup.scope, 'comment:old_1'));
    const before = w.graph.sends().length;
    const late = await send(old.conversationId, { text: 'Perdón la demora', privateReplyTo: old.id });
    expect([late.status, late.body.code]).toEqual([400, 'private_reply_expired']);
    expect(late.body.message).toContain('7 days');
    const noText = await send(old.conversationId, { text: ' ', privateReplyTo: old.id });
    expect(noText.status).toBe(400);
    expect(w.graph.sends().length).toBe(before);
  });

  it('ignores our own page’s comments and edits', async () => {
    await postMetaWebhook(
      w.rt.url,
      w.messenger,
      META_APP_SECRET,
      feedComment('own_1', nowSeconds(), { from: { id: META_PAGE, name: 'Shop' } }),
    );
    await postMetaWebhook(
      w.rt.url,
      w.messenger,
      META_APP_SECRET,
      feedComment('edit_1', nowSeconds(), { verb: 'edited' }),
    );
    await postMetaWebhook(w.rt.url, w.messenger, META_APP_SECRET, feedComment('seen_1', nowSeconds()));
    await eventually(() => messageByProviderId(w.setup.scope, 'comment:seen_1'));
    expect(await messageByProviderId(w.setup.scope, 'comment:own_1')).toBeUndefined();
    expect(await messageByProviderId(w.setup.scope, 'comment:edit_1')).toBeUndefined();
  });

  it('stores an Instagram comment with its media and answers it privately through /me/messages', async () => {
    const payload = fixtureJson('instagram', 'comment.json');
    payload.entry[0].time = nowSeconds();
    await postMetaWebhook(w.rt.url, w.instagram, META_APP_SECRET, payload);
    const stored = await eventually(() => messageByProviderId(w.setup.scope, 'comment:17919697626119712'));
    expect(stored).toMatchObject({ body: '¿Precio?', meta: { comment: { postId: '18172143295349192' } } });
    const plain = await send(stored.conversationId, { text: 'Hola', channelId: w.instagram.id });
    expect([plain.status, plain.body.code]).toEqual([400, 'window_closed']);
    const before = w.graph.sends().length;
    const res = await send(stored.conversationId, { text: 'Te escribimos por aquí', privateReplyTo: stored.id });
    expect(res.status).toBe(201);
    expect((await messageSettled(w.setup.scope, res.body.id)).status).toBe('sent');
    const [call] = w.graph.sends().slice(before);
    expect([call!.path, call!.json]).toEqual([
      '/v21.0/me/messages',
      { recipient: { comment_id: '17919697626119712' }, message: { text: 'Te escribimos por aquí' } },
    ]);
  });
});
