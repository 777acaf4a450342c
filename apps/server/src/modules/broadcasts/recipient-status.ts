import type { RecipientStatus } from '@charla/contracts/broadcasts';
import { and, desc, eq, gt, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { broadcastRecipients, messages } from '../../db/schema';
import { activeBroadcastWorkspaces } from './active-workspaces';
import { queueDispatch } from './dispatch-queue';

/** How far each recipient status got; a recipient only moves forward. */
const RANK: Partial<Record<RecipientStatus, number>> = { pending: 0, sent: 1, delivered: 2, read: 3, replied: 4 };

/**
 * Keeps recipients in step with their messages: the message's statuses (sent, delivered, read, failed
 * with the provider's reason) become the recipient's, and a message the contact writes on the broadcast's
 * channel within CHARLA_BROADCAST_REPLY_HOURS of it makes the recipient `replied` and emits
 * `broadcast.replied` (which starts the workflows with the broadcast-reply trigger).
 */
export function registerBroadcastListeners(ctx: Ctx) {
  const active = activeBroadcastWorkspaces(ctx);
  ctx.events.on(
    'broadcasts.recipients',
    ['message.updated', 'message.created'],
    async (event) => {
      const scope = new Scope(ctx.db, event.workspaceId);
      const [m] = await scope.find(messages, eq(messages.id, event.data.messageId));
      if (!m) return;
      if (m.direction === 'in') return noteReply(ctx, scope, m);
      if (event.type === 'message.updated' && m.senderKind === 'broadcast') return followMessage(ctx, scope, m);
    },
    {
      // Of the messages created, only the contacts' (replies) matter: not a job per broadcast message queued.
      when: (workspaceId, type, data) =>
        active.has(workspaceId) && (type !== 'message.created' || (data as { direction?: string }).direction === 'in'),
    },
  );
}

async function followMessage(ctx: Ctx, scope: Scope, m: typeof messages.$inferSelect) {
  const [r] = await scope.find(broadcastRecipients, eq(broadcastRecipients.messageId, m.id));
  if (!r) return;
  let moved: { id: number }[] = [];
  const status = m.status;
  if (status === 'sent' || status === 'delivered' || status === 'read') {
    const before = (Object.keys(RANK) as RecipientStatus[]).filter((s) => RANK[s]! < RANK[status]!);
    moved = await scope
      .update(
        broadcastRecipients,
        { status, sentAt: r.sentAt ?? m.sentAt ?? new Date(), errorCode: null, errorReason: null },
        eq(broadcastRecipients.id, r.id),
        // A message sent while its broadcast was being cancelled did go out: the report says so.
        or(
          inArray(broadcastRecipients.status, before),
          and(eq(broadcastRecipients.status, 'skipped'), eq(broadcastRecipients.errorCode, 'cancelled')),
        ),
      )
      .returning({ id: broadcastRecipients.id });
  } else if (status === 'failed') {
    moved = await scope
      .update(
        broadcastRecipients,
        {
          status: 'failed',
          errorCode: m.errorCode,
          errorReason: m.errorReason,
          retryable: m.errorRetryable ?? false,
        },
        eq(broadcastRecipients.id, r.id),
        inArray(broadcastRecipients.status, ['pending', 'sent']),
      )
      .returning({ id: broadcastRecipients.id });
  }
  // A message left the queue: room for the next ones (or the end of the broadcast).
  if (moved.length > 0 && r.status === 'pending') await queueDispatch(ctx, scope, r.broadcastId);
}

const sent = alias(messages, 'broadcast_message');

async function noteReply(ctx: Ctx, scope: Scope, m: typeof messages.$inferSelect) {
  if (!m.channelId) return;
  const since = new Date(m.createdAt.getTime() - ctx.config.broadcastReplyHours * 3_600_000);
  const [latest] = await scope.unscopedDb
    .select({
      id: broadcastRecipients.id,
      broadcastId: broadcastRecipients.broadcastId,
      status: broadcastRecipients.status,
    })
    .from(broadcastRecipients)
    // Through the broadcast message, whose contact follows merges (and splits) of the contact.
    .innerJoin(sent, eq(sent.id, broadcastRecipients.messageId))
    .where(
      and(
        scope.where(
          broadcastRecipients,
          // The latest broadcast message is the one replied to; once it is replied, later messages are not.
          inArray(broadcastRecipients.status, ['sent', 'delivered', 'read', 'replied']),
          gt(broadcastRecipients.sentAt, since),
        ),
        scope.owns(sent),
        eq(sent.contactId, m.contactId),
        eq(sent.channelId, m.channelId),
      ),
    )
    .orderBy(desc(broadcastRecipients.sentAt))
    .limit(1);
  if (!latest || latest.status === 'replied') return;
  await scope.transaction(async (tx, rawTx) => {
    const replied = await tx
      .update(
        broadcastRecipients,
        { status: 'replied', repliedAt: m.createdAt },
        eq(broadcastRecipients.id, latest.id),
        inArray(broadcastRecipients.status, ['sent', 'delivered', 'read']),
      )
      .returning({ id: broadcastRecipients.id });
    if (replied.length === 0) return; // another copy of this event got there first
    await ctx.events.emit(rawTx, tx.workspaceId, 'broadcast.replied', {
      broadcastId: latest.broadcastId,
      contactId: m.contactId,
      messageId: m.id,
    });
  });
}
