import type { InboundMessage } from '../types';

/**
 * A comment on one of our posts, as its webhook gives it: Messenger's Page `feed` field (item `comment`)
 * and Instagram's `comments` field. Both go under `entry[].changes[]`, not `messaging[]`.
 */
interface FeedValue {
  item?: string;
  verb?: string;
  comment_id?: string;
  post_id?: string;
  parent_id?: string;
  message?: string;
  photo?: string;
  created_time?: number;
  from?: { id?: string; name?: string };
  post?: { permalink_url?: string };
}

interface InstagramCommentValue {
  id?: string;
  text?: string;
  parent_id?: string;
  from?: { id?: string; username?: string };
  media?: { id?: string; media_product_type?: string };
}

export interface CommentChange {
  field?: string;
  value?: FeedValue & InstagramCommentValue;
}

/** What `meta.comment` of a stored comment holds: enough to answer it privately and to link back to it. */
export interface CommentMeta {
  id: string;
  /** The post (Messenger) or media (Instagram) it was written under. */
  postId: string | null;
  /** The comment it answers, when it is a reply in a thread. */
  parentId: string | null;
  createdAt: string;
  permalink?: string;
  /** Set once an agent answered it privately: Meta takes one private reply per comment. */
  privateReply?: { messageId: number };
  /**
   * The last private reply Meta refused for good: the comment was released (another reply may be tried)
   * and the agent sees why. Cleared by the next private reply.
   */
  privateReplyFailure?: { messageId: number; code: string; reason: string };
}

/** Graph sends seconds here (Messenger's `created_time`, Instagram's entry `time`); tolerate milliseconds. */
const dateOf = (t: number | undefined) => (t ? new Date(t < 1e12 ? t * 1000 : t) : new Date());

/**
 * One new comment by someone else → an incoming message marked as a comment (`meta.comment`). It does not
 * open the messaging window: only a private reply may answer it (see messaging-outbound.ts). Edits,
 * removals, likes and our own page's or account's comments are not customer messages.
 */
export function commentMessage(
  change: CommentChange,
  ownId: string | undefined,
  entryTime?: number,
): InboundMessage | null {
  const v = change.value ?? {};
  if (change.field === 'feed') {
    if (v.item !== 'comment' || v.verb !== 'add' || !v.comment_id || !v.from?.id || v.from.id === ownId) return null;
    const createdAt = dateOf(v.created_time ?? entryTime);
    const comment: CommentMeta = {
      id: v.comment_id,
      postId: v.post_id ?? null,
      // Top-level comments name the post as their parent.
      parentId: v.parent_id && v.parent_id !== v.post_id ? v.parent_id : null,
      createdAt: createdAt.toISOString(),
      ...(v.post?.permalink_url && /^https:\/\//.test(v.post.permalink_url) ? { permalink: v.post.permalink_url } : {}),
    };
    return {
      kind: 'message',
      providerMessageId: `comment:${v.comment_id}`,
      sender: { externalId: v.from.id, name: v.from.name, windowless: true },
      text: v.message,
      attachments: v.photo && /^https?:\/\//i.test(v.photo) ? [{ type: 'image', url: v.photo, ref: v.photo }] : [],
      timestamp: createdAt,
      meta: { comment },
    };
  }
  if (change.field === 'comments') {
    if (!v.id || !v.from?.id || v.from.id === ownId) return null;
    const createdAt = dateOf(entryTime);
    const comment: CommentMeta = {
      id: v.id,
      postId: v.media?.id ?? null,
      parentId: v.parent_id ?? null,
      createdAt: createdAt.toISOString(),
    };
    return {
      kind: 'message',
      providerMessageId: `comment:${v.id}`,
      sender: { externalId: v.from.id, username: v.from.username, windowless: true },
      text: v.text,
      attachments: [],
      timestamp: createdAt,
      meta: { comment },
    };
  }
  return null;
}

/** `meta.comment` of a stored message, when it is a comment. */
export function commentOf(meta: Record<string, unknown>): CommentMeta | null {
  const c = meta.comment as Partial<CommentMeta> | undefined;
  return typeof c?.id === 'string' && typeof c.createdAt === 'string' ? (c as CommentMeta) : null;
}

/** Meta accepts a private reply up to 7 days after the comment was written. */
export const PRIVATE_REPLY_DAYS = 7;

export const privateReplyDeadline = (c: CommentMeta) =>
  new Date(new Date(c.createdAt).getTime() + PRIVATE_REPLY_DAYS * 86_400_000);
