import { commentOf, privateReplyDeadline } from '../../channels/meta/comments-inbound';
import type { channels, messages, users } from '../../db/schema';

type MessageRow = typeof messages.$inferSelect;

/**
 * "Name <address>" of a message written into a contact's thread by someone else (`meta.from`, see
 * modules/ingest/thread.ts): the bubble must not show it as the contact's own words.
 */
function otherSender(meta: Record<string, unknown>): string | null {
  const from = meta.from as { address?: unknown; name?: unknown } | undefined;
  if (typeof from?.address !== 'string') return null;
  return typeof from.name === 'string' && from.name ? `${from.name} <${from.address}>` : from.address;
}

/** A comment on one of our posts (Messenger/Instagram): its ids and whether its one private reply is left. */
function commentDto(meta: Record<string, unknown>) {
  const c = commentOf(meta);
  if (!c) return null;
  return {
    id: c.id,
    postId: c.postId,
    permalink: c.permalink ?? null,
    privateReplyMessageId: c.privateReply?.messageId ?? null,
    privateReplyUntil: privateReplyDeadline(c).toISOString(),
    /** Meta's refusal of the last private reply (the comment can be answered again); null otherwise. */
    privateReplyFailure: c.privateReplyFailure
      ? { code: c.privateReplyFailure.code, reason: c.privateReplyFailure.reason }
      : null,
  };
}

function tooLargeOf(meta: Record<string, unknown>): { size: number; limit: number } | null {
  const t = meta.tooLarge as { size?: unknown; limit?: unknown } | undefined;
  return typeof t?.size === 'number' && typeof t.limit === 'number' ? { size: t.size, limit: t.limit } : null;
}

export function serializeMessage(
  m: MessageRow,
  channel: Pick<typeof channels.$inferSelect, 'id' | 'type' | 'name'> | null,
  sender: Pick<typeof users.$inferSelect, 'name'> | null,
) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
    direction: m.direction,
    senderKind: m.senderKind,
    senderUserId: m.senderUserId,
    senderName: sender?.name ?? otherSender(m.meta),
    body: m.body,
    /** An email's subject (null for channels without one). */
    subject: typeof m.meta.subject === 'string' && m.meta.subject ? m.meta.subject : null,
    /** An email over `EMAIL_MAX_BYTES` that was not downloaded (sizes in bytes); null otherwise. */
    tooLarge: tooLargeOf(m.meta),
    /** Set when the message is a public comment on a post rather than a private message. */
    comment: commentDto(m.meta),
    attachments: m.attachments.map((a) => ({
      url: a.fileId ? `/api/files/${a.fileId}` : a.state ? '' : (a.url ?? ''),
      type: a.type,
      name: a.name ?? null,
      mime: a.mime ?? null,
      size: a.size ?? null,
      state: a.state ?? 'ready',
      error: a.error ?? null,
    })),
    status: m.status,
    errorCode: m.errorCode,
    errorReason: m.errorReason,
    channel: channel ? { id: channel.id, type: channel.type, name: channel.name } : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}
export type MessageDto = ReturnType<typeof serializeMessage>;
