import { INTERACTIVE_LIMITS, type Interactive } from '@charla/contracts/interactive';
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { type AttachmentRef, channels, contactChannels, conversations, messages } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { isContactBlocked } from '../contacts/inbox-state';
import { addressPreference } from '../contacts/address-preference';
import { addressByPhone } from '../contacts/phone-address';
import { loadChannelInScope } from '../channels/service';
import { type FileRow, filesByIds } from '../files/service';
import type { Member } from '../workspaces/service';
import { getMessageDto, OUTBOUND_JOB, outboundPriority } from './service';
import { assertInteractiveAllowed, interactiveReply } from './interactive-reply';
import { lockCommentForReply, markCommentAnswered } from './private-reply';
import { assertFreeFormAllowed, prepareTemplateReply, type TemplateInput, windowIsOpen } from './template-reply';
import { substituteVariables } from './variables';

/**
 * Picks the channel to reply on: the one asked for, else the one the contact last wrote from. Given `ctx`,
 * a channel asked for that writes to phone numbers (WhatsApp, SMS) also reaches a contact with no address
 * there yet, at their phone number (contacts/phone-address.ts).
 */
export async function replyAddress(
  scope: Scope,
  contactId: number,
  channelId: number | undefined,
  lastChannelId: number | null,
  ctx?: Ctx,
) {
  const addresses = await scope
    .find(contactChannels, eq(contactChannels.contactId, contactId))
    .orderBy(...addressPreference);
  const wanted = channelId ?? lastChannelId ?? addresses[0]?.channelId;
  const address = addresses.find((a) => a.channelId === wanted);
  if (!address && channelId && ctx)
    return addressByPhone(ctx, scope, contactId, await loadChannelInScope(ctx, scope, channelId));
  if (!address) {
    throw new AppError(
      'invalid',
      'no_channel',
      channelId ? 'The contact has no address on that channel' : 'The contact has no channel to reply on',
    );
  }
  if (address.unreachable)
    throw new AppError('invalid', 'unreachable', 'The contact cannot be reached on that channel any more');
  return address;
}

function attachmentOf(f: FileRow): AttachmentRef {
  const kind = f.mime.split('/')[0];
  const type = kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
  return { fileId: f.id, type, name: f.name, mime: f.mime, size: f.size };
}

/**
 * Stores an outbound message as pending and queues its durable send (retries with backoff), in the
 * caller's transaction, with the conversation's last-message bookkeeping and the events.
 */
export async function queueOutbound(
  ctx: Ctx,
  tx: Scope,
  conv: Pick<typeof conversations.$inferSelect, 'id' | 'contactId'>,
  channelId: number,
  message: Pick<typeof messages.$inferInsert, 'senderKind' | 'senderUserId' | 'body' | 'attachments' | 'meta'>,
): Promise<number> {
  const [row] = await tx
    .insert(messages, {
      conversationId: conv.id,
      contactId: conv.contactId,
      channelId,
      direction: 'out',
      status: 'pending',
      ...message,
    })
    .returning();
  await tx.update(
    conversations,
    { lastMessageId: row!.id, lastMessageAt: row!.createdAt, lastChannelId: channelId, unreadCount: 0 },
    eq(conversations.id, conv.id),
  );
  await ctx.jobs.send(
    OUTBOUND_JOB,
    { messageId: row!.id, attempt: 1 },
    { tx: tx.unscopedDb, key: `contact:${conv.contactId}`, priority: outboundPriority(message.senderKind) },
  );
  await ctx.events.emitMany(tx.unscopedDb, [
    {
      workspaceId: tx.workspaceId,
      type: 'message.created',
      data: { messageId: row!.id, conversationId: conv.id, contactId: conv.contactId, direction: 'out' },
    },
    {
      workspaceId: tx.workspaceId,
      type: 'conversation.updated',
      data: { conversationId: conv.id, contactId: conv.contactId },
    },
  ]);
  return row!.id;
}

/** Queues a reply from an agent: stored as pending, sent by a durable job with retries. */
export async function sendReply(
  ctx: Ctx,
  scope: Scope,
  member: Member,
  conversationId: number,
  input: {
    text?: string;
    channelId?: number;
    replyToMessageId?: number;
    fileIds?: number[];
    template?: TemplateInput;
    /** Messenger outside the 24 h window: the message tag that applies (see assertFreeFormAllowed). */
    messageTag?: string;
    /** A Messenger/Instagram comment (its message id) to answer privately: one text, no window needed. */
    privateReplyTo?: number;
    /** Reply buttons or a list (WhatsApp) the contact can tap; other channels get numbered options. */
    interactive?: Interactive;
    /** `api` for the developer API; agents' replies are `user`. */
    senderKind?: 'user' | 'api';
    /** Extras stored with the message (the API's quick replies, attachment URL, custom payload…). */
    meta?: Record<string, unknown>;
  },
) {
  const typed = input.text?.trim() ?? '';
  const attachments = (await filesByIds(scope, input.fileIds ?? [])).map(attachmentOf);
  if (input.template && (typed || attachments.length > 0))
    throw new AppError('invalid', 'template_exclusive', 'A template is sent alone, without text or files');
  if (!input.template && !typed && attachments.length === 0)
    throw new AppError('invalid', 'empty_message', 'A message needs text');
  if (input.interactive && (input.template || input.privateReplyTo))
    throw new AppError(
      'invalid',
      'interactive_text_only',
      'Buttons and lists go with a text, not a template or comment reply',
    );
  if (input.privateReplyTo && (input.template || attachments.length > 0 || !typed))
    throw new AppError('invalid', 'private_reply_text_only', 'A private reply to a comment is one text message');
  const id = await scope.transaction(async (tx) => {
    const [conv] = await tx.find(conversations, eq(conversations.id, conversationId));
    if (!conv) throw notFound('Conversation');
    if (await isContactBlocked(tx, conv.contactId)) {
      throw new AppError('invalid', 'contact_blocked', 'The contact is blocked: unblock it to reply');
    }
    // A template reply goes out on the template's channel, with its rendered body as the stored text;
    // `$variables` in its parameters are replaced like in free text.
    const template = input.template
      ? await prepareTemplateReply(tx, input.template, input.channelId, (v) => substituteVariables(tx, member, conv, v))
      : null;
    const text = template ? template.body : typed ? await substituteVariables(tx, member, conv, typed) : null;
    // A private reply goes out on the comment's channel and needs no window (Meta's own limits apply).
    const comment = input.privateReplyTo ? await lockCommentForReply(tx, conv.contactId, input.privateReplyTo) : null;
    const address = await replyAddress(
      tx,
      conv.contactId,
      comment?.channelId ?? template?.channelId ?? input.channelId,
      conv.lastChannelId,
      ctx,
    );
    if (!template && !comment) await assertFreeFormAllowed(ctx, tx, address, input.messageTag);
    const shaped = input.interactive
      ? await withOptions(ctx, tx, address, text ?? '', attachments.length, input.interactive)
      : null;
    // A quoted reply names one of this contact's messages; the channel quotes it when it can.
    if (input.replyToMessageId) {
      const [quoted] = await tx.find(
        messages,
        eq(messages.id, input.replyToMessageId),
        eq(messages.contactId, conv.contactId),
      );
      if (!quoted) throw notFound('Message');
    }
    const id = await queueOutbound(ctx, tx, conv, address.channelId, {
      senderKind: input.senderKind ?? 'user',
      senderUserId: member.userId,
      body: shaped?.body ?? text,
      attachments,
      meta: {
        ...input.meta,
        ...shaped?.meta,
        ...(input.replyToMessageId ? { replyToMessageId: input.replyToMessageId } : {}),
        ...(template ? { template: template.template } : {}),
        ...(input.messageTag && !template && !comment ? { messageTag: input.messageTag } : {}),
        ...(comment ? { privateReply: { commentId: comment.comment.id, messageId: comment.messageId } } : {}),
      },
    });
    if (comment) await markCommentAnswered(tx, comment.messageId, id);
    return id;
  });
  return getMessageDto(scope, id);
}

/** A reply's text with the buttons or list the agent added, shaped for the channel it goes out on. */
async function withOptions(
  ctx: Ctx,
  tx: Scope,
  address: { channelId: number; lastInboundAt: Date | null },
  text: string,
  files: number,
  interactive: Interactive,
) {
  const [channel] = await tx.find(channels, eq(channels.id, address.channelId));
  if (!channel || !ctx.channels.has(channel.type)) throw notFound('Channel');
  const adapter = ctx.channels.get(channel.type);
  const open = windowIsOpen(adapter.capabilities.windowHours, address.lastInboundAt);
  assertInteractiveAllowed(text, files, open, INTERACTIVE_LIMITS.body);
  return interactiveReply(adapter, text, interactive);
}
