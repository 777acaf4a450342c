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

/** Records on the comment which message answered it (its one private reply). */
export async function markCommentAnswered(tx: Scope, commentMessageId: number, replyId: number) {
  await tx.update(
    messages,
    {
      meta: sql`jsonb_set(${messages.meta}, '{comment,privateReply}', ${JSON.stringify({ messageId: replyId })}::jsonb)`,
    },
    eq(messages.id, commentMessageId),
  );
}
