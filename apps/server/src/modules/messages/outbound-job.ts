import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import { ChannelError, type OutboundAttachment } from '../../channels/types';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { type AttachmentRef, contactChannels, messages, users, workspaces } from '../../db/schema';
import { loadChannelById, webhookUrlFor } from '../channels/service';
import { addressPreference } from '../contacts/address-preference';
import { linkChannelAddress } from '../identity/channel-address';
import { fileById } from '../files/service';
import { signedFileLink } from '../files/signed-link';
import { lastOwnInbound } from './last-inbound';
import { releaseCommentAfterFailure } from './private-reply';
import { OUTBOUND_JOB, outboundPriority } from './service';
import { outboundTemplateOf } from './template-reply';

/** Attempts before a retryable failure is declared permanent. With backoff that is roughly 40 minutes. */
export const MAX_SEND_ATTEMPTS = 8;

export function backoffSeconds(attempt: number): number {
  const base = Math.min(2 ** attempt, 600);
  return base / 2 + Math.random() * (base / 2);
}

interface SendJob {
  messageId: number;
  attempt: number;
}

/**
 * Sends one pending outbound message through its channel's adapter. Retryable provider failures
 * are re-queued with backoff (or the provider's Retry-After); permanent ones, and retryable ones past
 * MAX_SEND_ATTEMPTS, mark the message failed with the provider's code and reason.
 */
export function defineOutboundJob(ctx: Ctx) {
  ctx.jobs.define<SendJob>({
    name: OUTBOUND_JOB,
    batchSize: 20,
    concurrency: 10,
    perKeyConcurrency: 1,
    retryLimit: 5,
    // Broadcast sends have a lower priority (see outboundPriority): everything else has its own worker too.
    reservedWorker: { minPriority: 0, batchSize: 5 },
    handler: async (job) => sendOne(ctx, job),
  });
}

async function sendOne(ctx: Ctx, job: SendJob): Promise<void> {
  const [m] = await ctx.db.select().from(messages).where(eq(messages.id, job.messageId));
  if (m?.status !== 'pending' || m.direction !== 'out') return; // already handled (a job may run twice)
  // Sent ahead by an earlier message's job (below), which failed and queued this message's own retry.
  if (job.attempt === 1 && m.errorCode) return;
  const scope = new Scope(ctx.db, m.workspaceId);
  // Messages queued together (a workflow's greeting and its question) go out in the order they were
  // written: jobs queued in one transaction have no order of their own, so this job first sends any
  // earlier message of the contact still waiting for its first try. Jobs of one contact never run at
  // once (the `contact:` key), so nothing is sent twice; a message failing and backing off is passed.
  for (;;) {
    const [earlier] = await scope
      .find(
        messages,
        eq(messages.contactId, m.contactId),
        eq(messages.direction, 'out'),
        eq(messages.status, 'pending'),
        lt(messages.id, m.id),
        isNull(messages.errorCode),
        gt(messages.createdAt, new Date(Date.now() - 60_000)),
      )
      .orderBy(messages.id)
      .limit(1);
    if (!earlier) break;
    await deliver(ctx, scope, earlier, 1);
  }
  await deliver(ctx, scope, m, job.attempt);
}

/** One send attempt of a pending message through its channel, with the outcome recorded. */
async function deliver(ctx: Ctx, scope: Scope, m: typeof messages.$inferSelect, attempt: number): Promise<void> {
  const job = { messageId: m.id, attempt };
  const fail = (code: string, reason: string, retryable = false) => markFailed(ctx, scope, m, code, reason, retryable);
  const channel = m.channelId ? await loadChannelById(ctx, m.channelId) : null;
  if (!channel) return fail('channel_missing', 'The channel was removed');
  if (channel.status === 'disabled') return fail('channel_disabled', 'The channel is disabled', true);
  const [address] = await scope
    .find(contactChannels, and(eq(contactChannels.contactId, m.contactId), eq(contactChannels.channelId, channel.id)))
    .orderBy(...addressPreference);
  if (!address) return fail('no_address', 'The contact has no address on this channel');
  const adapter = ctx.channels.get(channel.type);
  const [sender] = m.senderUserId
    ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, m.senderUserId))
    : [];
  try {
    const {
      providerMessageId,
      meta: sentMeta,
      recipientAddress,
    } = await adapter.send(
      {
        messageId: m.id,
        conversationId: m.conversationId,
        recipient: { externalId: address.externalId },
        text: m.body ?? undefined,
        attachments: m.attachments.map((a) => outboundAttachment(ctx, a)),
        replyTo: await replyToProviderId(scope, m),
        lastInboundAt: address.lastInboundAt,
        sender: sender ?? null,
        meta: m.meta,
        template: outboundTemplateOf(m.meta, (fileId) => signedFileLink(ctx, fileId)),
        webhookUrl: webhookUrlFor(ctx, channel),
        lastInbound: await lastInboundOn(scope, m.contactId, channel.id),
        workspaceName: await workspaceName(ctx, m.workspaceId),
      },
      channel.config,
      {
        channelId: channel.id,
        pushToRecipient: async (externalId, event, payload) =>
          ctx.realtime.publishToVisitor(channel.id, externalId, event, payload),
      },
    );
    await scope.transaction(async (tx, rawTx) => {
      await tx.update(
        messages,
        {
          status: 'sent',
          sentAt: new Date(),
          providerMessageId,
          errorCode: null,
          errorReason: null,
          ...(sentMeta ? { meta: { ...m.meta, ...sentMeta } } : {}),
        },
        eq(messages.id, m.id),
      );
      if (recipientAddress && recipientAddress !== address.externalId) {
        const linked = await linkChannelAddress(tx, m.contactId, channel.id, recipientAddress);
        if (linked.kind !== 'already' && linked.kind !== 'none')
          await ctx.events.emit(rawTx, m.workspaceId, 'contact.updated', { contactId: linked.contactId });
      }
      const ids = { messageId: m.id, conversationId: m.conversationId, contactId: m.contactId };
      await ctx.events.emitMany(rawTx, [
        { workspaceId: m.workspaceId, type: 'message.updated', data: ids },
        { workspaceId: m.workspaceId, type: 'message.sent', data: ids },
      ]);
    });
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err; // unexpected: let the queue retry the job
    if (err.retryable && job.attempt < MAX_SEND_ATTEMPTS) {
      const delay = err.retryAfterSeconds ?? backoffSeconds(job.attempt);
      ctx.log.info({ messageId: m.id, attempt: job.attempt, code: err.code, delay }, 'send failed; retrying');
      await scope.update(messages, { errorCode: err.code, errorReason: err.reason }, eq(messages.id, m.id));
      await ctx.jobs.send(
        OUTBOUND_JOB,
        { messageId: m.id, attempt: job.attempt + 1 },
        {
          startAfter: Date.now() + delay * 1000,
          key: `contact:${m.contactId}`,
          priority: outboundPriority(m.senderKind),
        },
      );
      return;
    }
    // The address first: whoever sees the message failed (an agent, a test) sees why it cannot be reached.
    if (err.addressUnreachable) await markUnreachable(ctx, scope, address, `${err.code}: ${err.reason}`);
    // Retryable failures past MAX_SEND_ATTEMPTS stay retryable: a later, manual retry may get through.
    await fail(err.code, err.reason, err.retryable && !err.addressUnreachable);
  }
}

/** The contact's last message on the channel, which an email reply threads under. */
async function lastInboundOn(scope: Scope, contactId: number, channelId: number) {
  const last = await lastOwnInbound(scope, contactId, channelId);
  return last?.providerMessageId ? { providerMessageId: last.providerMessageId, meta: last.meta } : null;
}

async function workspaceName(ctx: Ctx, workspaceId: number) {
  const [ws] = await ctx.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws?.name;
}

/** The provider id of the message this reply quotes (`meta.replyToMessageId`), if it came on the same channel. */
async function replyToProviderId(scope: Scope, m: typeof messages.$inferSelect): Promise<string | undefined> {
  const quoted = m.meta.replyToMessageId;
  if (typeof quoted !== 'number') return undefined;
  const [q] = await scope.find(messages, eq(messages.id, quoted), eq(messages.channelId, m.channelId ?? -1));
  return q?.providerMessageId ?? undefined;
}

async function markUnreachable(ctx: Ctx, scope: Scope, address: typeof contactChannels.$inferSelect, reason: string) {
  await scope.transaction(async (tx, rawTx) => {
    await tx.update(
      contactChannels,
      { unreachable: true, unreachableReason: reason.slice(0, 500) },
      eq(contactChannels.id, address.id),
    );
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.updated', { contactId: address.contactId });
  });
}

function outboundAttachment(ctx: Ctx, a: AttachmentRef): OutboundAttachment {
  const { fileId } = a;
  if (!fileId) return { url: a.url ?? '', type: a.type, name: a.name, mime: a.mime };
  return {
    url: signedFileLink(ctx, fileId),
    type: a.type,
    name: a.name,
    mime: a.mime,
    load: async () => {
      const found = await fileById(ctx, fileId);
      if (!found) throw new ChannelError('file_missing', 'The attached file was deleted', false);
      return found.bytes;
    },
  };
}

async function markFailed(
  ctx: Ctx,
  scope: Scope,
  m: typeof messages.$inferSelect,
  code: string,
  reason: string,
  retryable: boolean,
) {
  await scope.transaction(async (tx, rawTx) => {
    await tx.update(
      messages,
      { status: 'failed', errorCode: code, errorReason: reason, errorRetryable: retryable },
      eq(messages.id, m.id),
    );
    await ctx.events.emit(rawTx, m.workspaceId, 'message.updated', {
      messageId: m.id,
      conversationId: m.conversationId,
      contactId: m.contactId,
    });
    // A failed private reply did not use the comment's one reply: the comment can be answered again.
    const released = await releaseCommentAfterFailure(tx, m, { code, reason });
    if (released) await ctx.events.emit(rawTx, m.workspaceId, 'message.updated', released);
  });
}
