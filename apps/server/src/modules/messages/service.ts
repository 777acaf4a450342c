import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { type AttachmentRef, channels, contactChannels, conversations, messages, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import type { InboundMessage, StatusUpdate, WatermarkUpdate } from '../../channels/types';
import { openConversationFor } from '../conversations/service';
import { type FileRow, filesByIds } from '../files/service';
import type { Member } from '../workspaces/service';
import { queueReadReceipts } from './read-receipt';
import { serializeMessage } from './serialize';
import { assertFreeFormAllowed, prepareTemplateReply, type TemplateInput } from './template-reply';
import { substituteVariables } from './variables';

export const OUTBOUND_JOB = 'outbound.send';
export const MEDIA_JOB = 'media.fetch';

/**
 * The outbound job's priority for a message: broadcast messages go below everything else, so an agent's
 * reply queued behind a broadcast is sent first (see modules/broadcasts/dispatch-job.ts).
 */
export const outboundPriority = (senderKind: MessageRow['senderKind']) => (senderKind === 'broadcast' ? -1 : 0);

type MessageRow = typeof messages.$inferSelect;

export async function loadMessages(scope: Scope, where: ReturnType<typeof and>, order: 'asc' | 'desc', limit: number) {
  const rows = await scope.unscopedDb
    .select({
      message: messages,
      channel: { id: channels.id, type: channels.type, name: channels.name },
      sender: { name: users.name },
    })
    .from(messages)
    .leftJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(scope.owns(messages), where))
    .orderBy(order === 'asc' ? asc(messages.id) : desc(messages.id))
    .limit(limit);
  return rows.map((r) =>
    serializeMessage(r.message, r.channel?.id ? r.channel : null, r.sender?.name ? r.sender : null),
  );
}

export async function listConversationMessages(
  scope: Scope,
  conversationId: number,
  opts: { afterId?: number; limit?: number },
) {
  const limit = Math.min(opts.limit ?? 200, 500);
  // The whole history of the contact across channels and conversations, newest page last.
  const [conv] = await scope.find(conversations, eq(conversations.id, conversationId));
  if (!conv) throw notFound('Conversation');
  const rows = await loadMessages(
    scope,
    and(eq(messages.contactId, conv.contactId), opts.afterId ? gt(messages.id, opts.afterId) : undefined),
    'desc',
    limit,
  );
  return rows.reverse();
}

export async function getMessageDto(scope: Scope, id: number) {
  const [m] = await loadMessages(scope, eq(messages.id, id), 'asc', 1);
  if (!m) throw notFound('Message');
  return m;
}

/**
 * Stores an inbound message for a resolved contact: opens the conversation if needed, dedupes on the
 * provider's id, updates the conversation, emits events. Runs inside the caller's transaction.
 * Returns null for a duplicate.
 */
export async function storeInbound(
  ctx: Ctx,
  scope: Scope,
  channel: { id: number },
  contact: { id: number; blocked: boolean },
  msg: InboundMessage,
): Promise<MessageRow | null> {
  // A blocked contact's messages are dropped (the raw webhook event stays stored, for the record).
  // The caller read the contact in this transaction, so its `blocked` is current.
  if (contact.blocked) return null;
  const contactId = contact.id;
  const { conversation } = await openConversationFor(ctx, scope, contactId, 'contact');
  const [row] = await scope
    .insert(messages, {
      conversationId: conversation.id,
      contactId,
      channelId: channel.id,
      direction: 'in',
      senderKind: 'contact',
      body: msg.text ?? null,
      attachments: msg.attachments.map((a) => ({
        type: a.type,
        url: a.url,
        name: a.name ?? null,
        mime: a.mime ?? null,
        ...(a.fileId ? { fileId: a.fileId, size: a.size ?? null } : {}),
        ...(a.ref ? { ref: a.ref, state: 'pending' as const } : {}),
      })),
      meta: msg.meta ?? {},
      status: 'received',
      providerMessageId: msg.providerMessageId,
      createdAt: msg.timestamp && msg.timestamp.getTime() < Date.now() ? msg.timestamp : new Date(),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  if (row.attachments.some((a) => a.state === 'pending'))
    await ctx.jobs.send(MEDIA_JOB, { messageId: row.id }, { tx: scope.unscopedDb });
  await scope.update(
    conversations,
    {
      lastMessageId: row.id,
      lastMessageAt: row.createdAt,
      lastChannelId: channel.id,
      unreadCount: sql`${conversations.unreadCount} + 1`,
    },
    eq(conversations.id, conversation.id),
  );
  await ctx.events.emitMany(scope.unscopedDb, [
    {
      workspaceId: scope.workspaceId,
      type: 'message.created',
      data: { messageId: row.id, conversationId: conversation.id, contactId, direction: 'in' },
    },
    {
      workspaceId: scope.workspaceId,
      type: 'conversation.updated',
      data: { conversationId: conversation.id, contactId },
    },
  ]);
  return row;
}

const statusRank = { received: 0, pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/** Applies a provider status; statuses never move backwards (a late "delivered" after "read" is ignored). */
export async function applyStatus(ctx: Ctx, scope: Scope, channelId: number, update: StatusUpdate): Promise<boolean> {
  const [m] = await scope.find(
    messages,
    eq(messages.channelId, channelId),
    eq(messages.providerMessageId, update.providerMessageId),
  );
  if (!m) return false;
  if (m.status === 'failed' || statusRank[update.status] <= statusRank[m.status]) return false;
  const at = update.timestamp ?? new Date();
  // The condition is re-checked under the row lock, so two statuses of one message processed at once
  // (a "delivered" racing a "read") can never move it backwards.
  const lower = (Object.keys(statusRank) as (keyof typeof statusRank)[]).filter(
    (s) => s !== 'failed' && statusRank[s] < statusRank[update.status],
  );
  const moved = await scope
    .update(
      messages,
      {
        status: update.status,
        ...(update.status === 'delivered' ? { deliveredAt: at } : {}),
        ...(update.status === 'read' ? { readAt: at, deliveredAt: sql`coalesce(${messages.deliveredAt}, ${at})` } : {}),
        ...(update.status === 'failed'
          ? {
              errorCode: update.errorCode ?? null,
              errorReason: update.errorReason ?? null,
              // A refusal about the recipient will not change by sending again; other failures may.
              errorRetryable: !update.addressUnreachable,
            }
          : {}),
      },
      eq(messages.id, m.id),
      inArray(messages.status, lower),
    )
    .returning({ id: messages.id });
  if (moved.length === 0) return false;
  if (update.status === 'failed' && update.addressUnreachable) {
    await scope.update(
      contactChannels,
      {
        unreachable: true,
        unreachableReason: `${update.errorCode ?? 'failed'}: ${update.errorReason ?? ''}`.slice(0, 500),
      },
      eq(contactChannels.contactId, m.contactId),
      eq(contactChannels.channelId, channelId),
    );
    await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.updated', { contactId: m.contactId });
  }
  await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'message.updated', {
    messageId: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
  });
  return true;
}

/**
 * Applies a watermark receipt ("everything sent to this recipient up to then was delivered/read") in one
 * UPDATE: every message we sent to that address on the channel by the watermark moves forward, never back
 * (pending and failed messages are left alone).
 */
export async function applyWatermark(ctx: Ctx, scope: Scope, channelId: number, update: WatermarkUpdate) {
  const lower = update.status === 'read' ? (['sent', 'delivered'] as const) : (['sent'] as const);
  const at = update.watermark;
  const recipient = scope.unscopedDb
    .select({ contactId: contactChannels.contactId })
    .from(contactChannels)
    .where(
      scope.where(
        contactChannels,
        eq(contactChannels.channelId, channelId),
        eq(contactChannels.externalId, update.recipientExternalId),
      ),
    );
  const updated = await scope
    .update(
      messages,
      {
        status: update.status,
        deliveredAt: sql`coalesce(${messages.deliveredAt}, ${at})`,
        ...(update.status === 'read' ? { readAt: at } : {}),
      },
      eq(messages.channelId, channelId),
      eq(messages.direction, 'out'),
      inArray(messages.status, [...lower]),
      lte(messages.sentAt, at),
      inArray(messages.contactId, recipient),
    )
    .returning({ id: messages.id, conversationId: messages.conversationId, contactId: messages.contactId });
  if (updated.length > 0)
    await ctx.events.emitMany(
      scope.unscopedDb,
      updated.map((m) => ({
        workspaceId: scope.workspaceId,
        type: 'message.updated' as const,
        data: { messageId: m.id, conversationId: m.conversationId, contactId: m.contactId },
      })),
    );
  return updated.length;
}

/**
 * The agent has seen the conversation: its unread count is cleared and, when it had unread messages,
 * the providers that show read receipts are told (see read-receipt.ts).
 */
export async function markConversationRead(ctx: Ctx, scope: Scope, conversationId: number) {
  const cleared = await scope
    .update(conversations, { unreadCount: 0 }, eq(conversations.id, conversationId), gt(conversations.unreadCount, 0))
    .returning({ id: conversations.id });
  if (cleared.length > 0) await queueReadReceipts(ctx, scope, conversationId);
}

export const messagesByIds = (scope: Scope, ids: number[]) =>
  loadMessages(scope, inArray(messages.id, ids), 'asc', ids.length);

/**
 * One contact's messages on one channel, oldest first, with the agent's name: what a web chat visitor
 * sees (never the contact's other channels, never replies still waiting for their send job).
 */
export async function listChannelThread(scope: Scope, contactId: number, channelId: number, limit = 100) {
  const rows = await scope.unscopedDb
    .select({ message: messages, senderName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(
      and(
        scope.owns(messages),
        eq(messages.contactId, contactId),
        eq(messages.channelId, channelId),
        sql`not (${messages.direction} = 'out' and ${messages.status} = 'pending')`,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit);
  return rows.reverse();
}

/** The message stored for (channel, provider id), e.g. the first copy of a resent web chat message. */
export async function messageByProviderId(scope: Scope, channelId: number, providerMessageId: string) {
  const [m] = await scope.find(
    messages,
    eq(messages.channelId, channelId),
    eq(messages.providerMessageId, providerMessageId),
  );
  return m ?? null;
}

/** The recipient read replies up to `upToId` on a channel (web chat): sent/delivered ones become read. */
export async function markRepliesRead(ctx: Ctx, scope: Scope, contactId: number, channelId: number, upToId: number) {
  const updated = await scope
    .update(
      messages,
      { status: 'read', readAt: new Date() },
      eq(messages.contactId, contactId),
      eq(messages.channelId, channelId),
      eq(messages.direction, 'out'),
      inArray(messages.status, ['sent', 'delivered']),
      sql`${messages.id} <= ${upToId}`,
    )
    .returning({ id: messages.id, conversationId: messages.conversationId });
  if (updated.length === 0) return 0;
  await ctx.events.emitMany(
    scope.unscopedDb,
    updated.map((m) => ({
      workspaceId: scope.workspaceId,
      type: 'message.updated' as const,
      data: { messageId: m.id, conversationId: m.conversationId, contactId },
    })),
  );
  return updated.length;
}
