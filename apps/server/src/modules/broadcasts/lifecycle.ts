import { eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { broadcastRecipients, broadcasts, channels, messages } from '../../db/schema';
import { AppError } from '../../http/errors';
import { loadChannelInScope } from '../channels/service';
import { phoneAddressFormat } from '../contacts/phone-address';
import { workspaceById } from '../workspaces/service';
import { activeBroadcastWorkspaces } from './active-workspaces';
import { snapshotAudience } from './audience';
import { queueDispatch } from './dispatch-queue';
import { type Broadcast, getBroadcast } from './service';

/** A schedule this far in the past is taken as a mistake rather than "now". */
const PAST_TOLERANCE_MS = 60_000;

/** Locks the broadcast row: starts, dispatches, cancels and retries of one broadcast take turns. */
export async function lockBroadcast(tx: Scope, id: number): Promise<Broadcast | undefined> {
  const [b] = await tx.find(broadcasts, eq(broadcasts.id, id)).for('update');
  return b;
}

/**
 * Sends a draft: at its scheduled time (a delayed job, which survives restarts), or now when it has no
 * schedule.
 */
export async function sendBroadcast(ctx: Ctx, scope: Scope, id: number): Promise<Broadcast> {
  return scope.transaction(async (tx) => {
    const b = await lockBroadcast(tx, id);
    if (!b) return getBroadcast(tx, id);
    if (b.status !== 'draft')
      throw new AppError('conflict', 'broadcast_not_draft', 'This broadcast was already scheduled or sent');
    if (b.scheduledAt) {
      if (b.scheduledAt.getTime() < Date.now() - PAST_TOLERANCE_MS)
        throw new AppError('invalid', 'schedule_in_past', 'The scheduled time has passed: choose a later time');
      const [row] = await tx.update(broadcasts, { status: 'scheduled' }, eq(broadcasts.id, id)).returning();
      await queueDispatch(ctx, tx, id, b.scheduledAt);
      return row!;
    }
    return startBroadcast(ctx, tx, b);
  });
}

/**
 * Takes the audience and sets the broadcast in progress; the dispatch job then queues its messages. A
 * channel or segment removed since the draft fails the broadcast with the reason. Runs in `tx` with the
 * broadcast locked.
 */
export async function startBroadcast(ctx: Ctx, tx: Scope, b: Broadcast): Promise<Broadcast> {
  const fail = async (reason: string) => {
    const [row] = await tx
      .update(broadcasts, { status: 'failed', failureReason: reason, finishedAt: new Date() }, eq(broadcasts.id, b.id))
      .returning();
    return row!;
  };
  const channel = b.channelId ? await tx.first(channels, eq(channels.id, b.channelId)) : undefined;
  if (!channel) return fail('channel_removed');
  const workspace = await workspaceById(tx.unscopedDb, tx.workspaceId);
  const phoneFormat = phoneAddressFormat(ctx, await loadChannelInScope(ctx, tx, channel.id));
  const total = await snapshotAudience(tx, b, workspace?.timezone ?? 'UTC', phoneFormat);
  if (total === null) return fail('segment_deleted');
  const [row] = await tx
    .update(
      broadcasts,
      { status: 'in_progress', recipientCount: total, startedAt: new Date() },
      eq(broadcasts.id, b.id),
    )
    .returning();
  activeBroadcastWorkspaces(ctx).add(tx.workspaceId);
  await queueDispatch(ctx, tx, b.id);
  return row!;
}

/**
 * Stops a scheduled or running broadcast: recipients not sent yet are skipped (`cancelled`), and their
 * messages still waiting in the outbound queue (or backing off) are failed so the job sends nothing more.
 */
export async function cancelBroadcast(ctx: Ctx, scope: Scope, id: number): Promise<Broadcast> {
  return scope.transaction(async (tx, rawTx) => {
    const b = await lockBroadcast(tx, id);
    if (!b) return getBroadcast(tx, id);
    if (b.status !== 'scheduled' && b.status !== 'in_progress')
      throw new AppError('conflict', 'broadcast_not_running', 'Only a scheduled or running broadcast can be cancelled');
    const reason = { errorCode: 'cancelled', errorReason: 'The broadcast was cancelled before this was sent' };
    const stopped = await tx
      .update(
        broadcastRecipients,
        { status: 'skipped', ...reason },
        eq(broadcastRecipients.broadcastId, id),
        eq(broadcastRecipients.status, 'pending'),
      )
      .returning({ messageId: broadcastRecipients.messageId });
    const messageIds = stopped.map((r) => r.messageId).filter((m): m is number => m !== null);
    if (messageIds.length > 0) {
      const failed = await tx
        .update(
          messages,
          { status: 'failed', errorCode: 'cancelled', errorReason: reason.errorReason, errorRetryable: false },
          inArray(messages.id, messageIds),
          eq(messages.status, 'pending'),
        )
        .returning({ id: messages.id, conversationId: messages.conversationId, contactId: messages.contactId });
      await ctx.events.emitMany(
        rawTx,
        failed.map((m) => ({
          workspaceId: tx.workspaceId,
          type: 'message.updated' as const,
          data: { messageId: m.id, conversationId: m.conversationId, contactId: m.contactId },
        })),
      );
    }
    const [row] = await tx
      .update(broadcasts, { status: 'cancelled', finishedAt: new Date() }, eq(broadcasts.id, id))
      .returning();
    return row!;
  });
}

/** Sends again to the failed recipients whose failure may pass (outages, rate limits, missing data). */
export async function retryFailed(
  ctx: Ctx,
  scope: Scope,
  id: number,
): Promise<{ broadcast: Broadcast; retried: number }> {
  return scope.transaction(async (tx) => {
    const b = await lockBroadcast(tx, id);
    if (!b) throw new AppError('not_found', 'not_found', 'Broadcast not found');
    if (!['in_progress', 'completed', 'failed'].includes(b.status) || !b.startedAt)
      throw new AppError('conflict', 'broadcast_not_sent', 'Only a sent broadcast has recipients to retry');
    const retried = await tx
      .update(
        broadcastRecipients,
        { status: 'pending', messageId: null, errorCode: null, errorReason: null, retryable: false },
        eq(broadcastRecipients.broadcastId, id),
        eq(broadcastRecipients.status, 'failed'),
        eq(broadcastRecipients.retryable, true),
      )
      .returning({ id: broadcastRecipients.id });
    if (retried.length === 0)
      throw new AppError('conflict', 'nothing_to_retry', 'No failed recipient of this broadcast can be retried');
    const [row] = await tx
      .update(broadcasts, { status: 'in_progress', failureReason: null, finishedAt: null }, eq(broadcasts.id, id))
      .returning();
    activeBroadcastWorkspaces(ctx).add(tx.workspaceId);
    await queueDispatch(ctx, tx, id);
    return { broadcast: row!, retried: retried.length };
  });
}

/**
 * Once no recipient is pending, a running broadcast is over: completed when at least one message went out,
 * failed when none did. Runs in `tx` with the broadcast locked.
 */
export async function finishIfDone(tx: Scope, b: Broadcast): Promise<void> {
  if (b.status !== 'in_progress') return;
  const pending = await tx.count(
    broadcastRecipients,
    eq(broadcastRecipients.broadcastId, b.id),
    eq(broadcastRecipients.status, 'pending'),
  );
  if (pending > 0) return;
  const reached = await tx.count(
    broadcastRecipients,
    eq(broadcastRecipients.broadcastId, b.id),
    inArray(broadcastRecipients.status, ['sent', 'delivered', 'read', 'replied']),
  );
  await tx.update(
    broadcasts,
    reached > 0
      ? { status: 'completed', finishedAt: sql`now()` }
      : { status: 'failed', failureReason: 'no_recipient_reached', finishedAt: sql`now()` },
    eq(broadcasts.id, b.id),
  );
}
