import { distinctLabels, replyButtonsOf } from '../buttons';
import { ChannelError, type OutboundMessage } from '../types';
import { graphCall } from './graph-client';
import { HUMAN_AGENT_HOURS, hoursSince, WINDOW_HOURS } from './window';

export interface MessagingSendConfig {
  apiBaseUrl: string;
  token: string;
  /** `/{page-id}/messages` for Messenger, `/me/messages` for Instagram. */
  path: string;
  /** The page has Meta's human-agent permission: answer up to 7 days late with the HUMAN_AGENT tag. */
  humanAgentTag: boolean;
  /** The message tags the channel accepts (MESSENGER_TAGS or INSTAGRAM_TAGS). */
  tags: readonly string[];
}

/**
 * Messenger's message tags: a non-promotional update outside the 24 h window. HUMAN_AGENT (a person
 * answering, up to 7 days late) needs Meta's permission on the page; Instagram accepts only that one.
 */
export const MESSENGER_TAGS = ['HUMAN_AGENT', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'];
export const INSTAGRAM_TAGS = ['HUMAN_AGENT'];

/** The tags a reply may carry now, once the window has closed (HUMAN_AGENT only with permission, for 7 days). */
export function usableTags(
  supported: readonly string[],
  lastInboundAt: Date | null | undefined,
  humanAgentTag: boolean,
) {
  const hours = hoursSince(lastInboundAt);
  return supported.filter((t) => t !== 'HUMAN_AGENT' || (humanAgentTag && hours !== null && hours < HUMAN_AGENT_HOURS));
}

/**
 * Inside the 24 h window a reply is a RESPONSE. After it, the tag the agent chose when it applies, else
 * HUMAN_AGENT when the page has that permission (for 7 days). Anything else is refused here, with the
 * reason, instead of being sent to be refused by Meta.
 */
export function messagingType(
  lastInboundAt: Date | null | undefined,
  humanAgentTag: boolean,
  supported: readonly string[] = INSTAGRAM_TAGS,
  chosen?: string,
) {
  const hours = hoursSince(lastInboundAt);
  if (hours !== null && hours < WINDOW_HOURS) return { messaging_type: 'RESPONSE' };
  // Unknown (the contact only commented on a post, or never wrote): Meta decides, unless the agent, told by
  // the composer that the window is not open, chose the tag that applies.
  if (hours === null && !chosen) return { messaging_type: 'RESPONSE' };
  const usable = usableTags(supported, lastInboundAt, humanAgentTag);
  if (chosen) {
    if (usable.includes(chosen)) return { messaging_type: 'MESSAGE_TAG', tag: chosen };
    throw new ChannelError(
      'message_tag_not_allowed',
      chosen === 'HUMAN_AGENT' && supported.includes(chosen)
        ? 'The HUMAN_AGENT tag needs Meta’s human agent permission and is only accepted up to 7 days after the customer last wrote'
        : `The ${chosen} tag is not accepted on this channel`,
      false,
    );
  }
  if (usable.includes('HUMAN_AGENT')) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  if (usable.length > 0)
    throw new ChannelError(
      'message_tag_required',
      `More than 24 hours have passed since the customer last wrote: choose the message tag that applies (${usable.join(', ')}) or wait until they write again`,
      false,
    );
  throw new ChannelError(
    'outside_window',
    humanAgentTag
      ? 'More than 7 days have passed since the customer last wrote: Meta accepts no reply until they write again'
      : 'More than 24 hours have passed since the customer last wrote: Meta accepts no reply until they write again (or enable the human agent tag)',
    false,
  );
}

const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video']);

/** The tag the agent chose for a reply outside the window (`meta.messageTag`). */
const messageTagOf = (meta: Record<string, unknown> | undefined) =>
  typeof meta?.messageTag === 'string' ? meta.messageTag : undefined;

/** The Send API's quick replies: at most 13, titles up to 20 characters, on a text of up to 2,000. */
const QUICK_REPLIES_MAX = 13;
const QUICK_REPLY_TITLE_MAX = 20;
const TEXT_MAX = 2000;

export function quickRepliesFit(text: string, labels: string[]): boolean {
  return (
    text.trim() !== '' &&
    [...text].length <= TEXT_MAX &&
    labels.length > 0 &&
    labels.length <= QUICK_REPLIES_MAX &&
    labels.every((l) => [...l].length <= QUICK_REPLY_TITLE_MAX) &&
    distinctLabels(labels)
  );
}

/** Reply buttons ride on the text as quick replies; a tap comes back as `quick_reply.payload`. */
function quickReplies(message: OutboundMessage) {
  const buttons = replyButtonsOf(message.meta);
  if (
    !message.text ||
    buttons.length === 0 ||
    !quickRepliesFit(
      message.text,
      buttons.map((b) => b.text),
    )
  )
    return {};
  return { quick_replies: buttons.map((b) => ({ content_type: 'text', title: b.text, payload: b.data })) };
}

/**
 * Sends through the Send API: the text first, then each attachment as its own message (Messenger has no
 * captions), linked by its signed URL. Returns the last message id. A failure after the first part makes
 * the whole send retry, so the customer may see the text twice: at-least-once, as everywhere.
 */
export async function sendMessaging(message: OutboundMessage, cfg: MessagingSendConfig) {
  const commentId = privateReplyOf(message.meta);
  if (commentId) return sendPrivateReply(message, cfg, commentId);
  const base = {
    recipient: { id: message.recipient.externalId },
    ...messagingType(message.lastInboundAt, cfg.humanAgentTag, cfg.tags, messageTagOf(message.meta)),
  };
  const parts: Record<string, unknown>[] = [];
  if (message.text) parts.push({ text: message.text, ...quickReplies(message) });
  for (const a of message.attachments) {
    const type = ATTACHMENT_TYPES.has(a.type) ? a.type : 'file';
    parts.push({ attachment: { type, payload: { url: a.url, is_reusable: true } } });
  }
  if (parts.length === 0) throw new ChannelError('empty_message', 'Nothing to send', false);
  let last = '';
  for (const part of parts) {
    const res = await graphCall<{ message_id?: string }>(cfg.apiBaseUrl, cfg.token, cfg.path, {
      body: { ...base, message: part },
    });
    if (!res.message_id) throw new ChannelError('bad_response', 'The Send API answered without a message_id', false);
    last = res.message_id;
  }
  return { providerMessageId: last };
}

/** The comment a private reply answers (`meta.privateReply.commentId`, see messages/private-reply.ts). */
const privateReplyOf = (meta: Record<string, unknown> | undefined) => {
  const id = (meta?.privateReply as { commentId?: unknown } | undefined)?.commentId;
  return typeof id === 'string' ? id : null;
};

/**
 * A private reply: one text message to the person who commented, addressed by the comment
 * (`recipient.comment_id`) instead of a user id. It needs no messaging window (Meta's own limits: one per
 * comment, within 7 days) and carries no attachments.
 */
async function sendPrivateReply(message: OutboundMessage, cfg: MessagingSendConfig, commentId: string) {
  if (!message.text?.trim() || message.attachments.length > 0)
    throw new ChannelError('private_reply_text_only', 'A private reply to a comment is one text message', false);
  const res = await graphCall<{ message_id?: string; recipient_id?: string }>(cfg.apiBaseUrl, cfg.token, cfg.path, {
    body: { recipient: { comment_id: commentId }, message: { text: message.text, ...quickReplies(message) } },
  });
  if (!res.message_id) throw new ChannelError('bad_response', 'The Send API answered without a message_id', false);
  // `recipient_id` is the commenter's PSID (IGSID on Instagram): the address their own messages come from.
  return {
    providerMessageId: res.message_id,
    ...(res.recipient_id ? { meta: { recipientId: res.recipient_id }, recipientAddress: res.recipient_id } : {}),
  };
}

/** `sender_action: mark_seen`: the contact sees their messages as read by the page. */
export async function markSeen(cfg: Pick<MessagingSendConfig, 'apiBaseUrl' | 'token' | 'path'>, recipientId: string) {
  await graphCall(cfg.apiBaseUrl, cfg.token, cfg.path, {
    body: { recipient: { id: recipientId }, sender_action: 'mark_seen' },
  });
}
