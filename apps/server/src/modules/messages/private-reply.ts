import { eq, sql } from 'drizzle-orm';
import { commentOf, privateReplyDeadline } from '../../channels/meta/comments-inbound';
import type { Scope } from '../../db/scope';
import { messages } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';

/**
 * Checks that an agent may answer this comment privately, with the comment's row locked so two agents
 * cannot both use its single reply: it is a comment of this contact, not answered yet, and at most 7
 * days old (Meta's limits, explained to the agent instead of failing at Meta). Returns the comment and
 * the channel the reply goes out on.
 */
export async function lockCommentForReply(tx: Scope, contactId: number, messageId: number, now = new Date()) {
  const [row] = await tx.find(messages, eq(messages.id, messageId), eq(messages.contactId, contactId)).for('update');
  const comment = row && row.direction === 'in' ? commentOf(row.meta) : null;
  if (!row || !comment || row.channelId === null) throw notFound('Comment');
  if (comment.privateReply)
    throw new AppError(
      'invalid',
      'private_reply_used',
      'Meta allows one private reply per comment, and this comment already has one: continue once the customer answers it',
    );
  const deadline = privateReplyDeadline(comment);
  if (deadline <= now)
    throw new AppError(
      'invalid',
      'private_reply_expired',
      `Meta accepts a private reply only within 7 days of the comment; this one could be answered until ${deadline.toISOString()}`,
      { deadline: deadline.toISOString() },
    );
  return { comment, channelId: row.channelId, messageId: row.id };
}

/** Records on the comment which message answered it (its one private reply), forgetting an earlier refusal. */
export async function markCommentAnswered(tx: Scope, commentMessageId: number, replyId: number) {
  await tx.update(
    messages,
    {
      meta: sql`jsonb_set(${messages.meta} #- '{comment,privateReplyFailure}', '{comment,privateReply}', ${JSON.stringify({ messageId: replyId })}::jsonb)`,
    },
    eq(messages.id, commentMessageId),
  );
}

/**
 * A private reply Meta refused for good (or that could never be sent) did not use the comment's one reply:
 * the comment is released so the agent can try again, with the refusal kept on it to show why. Only while
 * the comment still names this reply, so a late failure cannot release a comment answered since. Returns
 * the comment's ids when it was released (for its `message.updated`).
 */
export async function releaseCommentAfterFailure(
  tx: Scope,
  reply: { id: number; meta: Record<string, unknown> },
  failure: { code: string; reason: string },
) {
  const commentMessageId = (reply.meta.privateReply as { messageId?: unknown } | undefined)?.messageId;
  if (typeof commentMessageId !== 'number') return null;
  const recorded = JSON.stringify({ messageId: reply.id, code: failure.code, reason: failure.reason.slice(0, 500) });
  const released = await tx
    .update(
      messages,
      {
        meta: sql`jsonb_set(${messages.meta} #- '{comment,privateReply}', '{comment,privateReplyFailure}', ${recorded}::jsonb)`,
      },
      eq(messages.id, commentMessageId),
      sql`(${messages.meta} #>> '{comment,privateReply,messageId}')::bigint = ${reply.id}`,
    )
    .returning({ messageId: messages.id, conversationId: messages.conversationId, contactId: messages.contactId });
  return released[0] ?? null;
}
