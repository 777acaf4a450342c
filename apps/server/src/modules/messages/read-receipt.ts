import { and, eq, max, sql } from 'drizzle-orm';
import { ChannelError } from '../../channels/types';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { sideCallRetry } from '../../jobs/queue';
import { contactChannels, messages } from '../../db/schema';
import { loadChannelById } from '../channels/service';
import { addressPreference } from '../contacts/address-preference';

export const READ_RECEIPT_JOB = 'messages.read-receipt';

interface ReadReceiptJob {
  workspaceId: number;
  messageId: number;
}

/**
 * Tells the provider the agent read the contact's latest message (WhatsApp's read status, the Send API's
 * `sender_action: mark_seen` on Messenger and Instagram), as a job so a slow or failing Graph never holds up the inbox: retryable failures are retried
 * with backoff by the queue; a permanent refusal (the message is too old, the token lacks the permission)
 * is logged and dropped, since nothing the agent does would change it.
 */
export function defineReadReceiptJob(ctx: Ctx) {
  ctx.jobs.define<ReadReceiptJob>({
    name: READ_RECEIPT_JOB,
    ...sideCallRetry(ctx.config),
    handler: (job) => sendReadReceipt(ctx, job),
  });
}

async function sendReadReceipt(ctx: Ctx, { workspaceId, messageId }: ReadReceiptJob) {
  const scope = new Scope(ctx.db, workspaceId);
  const [m] = await scope.find(messages, eq(messages.id, messageId), eq(messages.direction, 'in'));
  if (!m?.channelId || !m.providerMessageId) return;
  const channel = await loadChannelById(ctx, m.channelId);
  const adapter = channel && ctx.channels.has(channel.type) ? ctx.channels.get(channel.type) : null;
  if (!channel || !adapter?.markRead) return;
  const [address] = await scope
    .find(contactChannels, eq(contactChannels.channelId, m.channelId), eq(contactChannels.contactId, m.contactId))
    .orderBy(...addressPreference);
  if (!address) return;
  try {
    await adapter.markRead({ providerMessageId: m.providerMessageId, externalId: address.externalId }, channel.config);
  } catch (err) {
    if (!(err instanceof ChannelError) || err.retryable) throw err;
    ctx.log.info({ messageId, channelId: channel.id, code: err.code, reason: err.reason }, 'read receipt refused');
  }
}

/**
 * Queues a read receipt for the newest inbound message of the conversation on each channel that sends
 * them (the provider marks the earlier ones read with it). Public comments on posts are left out: they
 * are not in the messaging thread a receipt marks seen, and a Page comment's author id need not be the
 * person's PSID.
 */
export async function queueReadReceipts(ctx: Ctx, scope: Scope, conversationId: number) {
  const latest = await scope.unscopedDb
    .select({ channelId: messages.channelId, messageId: max(messages.id) })
    .from(messages)
    .where(
      and(
        scope.owns(messages),
        eq(messages.conversationId, conversationId),
        eq(messages.direction, 'in'),
        sql`${messages.meta} -> 'comment' is null`,
      ),
    )
    .groupBy(messages.channelId);
  for (const { channelId, messageId } of latest) {
    if (!channelId || !messageId) continue;
    const channel = await loadChannelById(ctx, channelId);
    if (!channel || !ctx.channels.has(channel.type) || !ctx.channels.get(channel.type).markRead) continue;
    await ctx.jobs.send(READ_RECEIPT_JOB, { workspaceId: scope.workspaceId, messageId }, { tx: scope.unscopedDb });
  }
}
