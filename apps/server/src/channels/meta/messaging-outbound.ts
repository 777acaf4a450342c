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
}

/**
 * Inside the 24 h window a reply is a RESPONSE; after it, only a human agent's reply tagged HUMAN_AGENT
 * (when the page has that permission) is allowed for 7 days. Anything later is refused here, with the
 * reason, instead of being sent to be refused by Meta.
 */
export function messagingType(lastInboundAt: Date | null | undefined, humanAgentTag: boolean) {
  const hours = hoursSince(lastInboundAt);
  if (hours === null || hours < WINDOW_HOURS) return { messaging_type: 'RESPONSE' };
  if (humanAgentTag && hours < HUMAN_AGENT_HOURS) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  throw new ChannelError(
    'outside_window',
    humanAgentTag
      ? 'More than 7 days have passed since the customer last wrote: Meta accepts no reply until they write again'
      : 'More than 24 hours have passed since the customer last wrote: Meta accepts no reply until they write again (or enable the human agent tag)',
    false,
  );
}

const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video']);

/**
 * Sends through the Send API: the text first, then each attachment as its own message (Messenger has no
 * captions), linked by its signed URL. Returns the last message id. A failure after the first part makes
 * the whole send retry, so the customer may see the text twice: at-least-once, as everywhere.
 */
export async function sendMessaging(message: OutboundMessage, cfg: MessagingSendConfig) {
  const base = {
    recipient: { id: message.recipient.externalId },
    ...messagingType(message.lastInboundAt, cfg.humanAgentTag),
  };
  const parts: Record<string, unknown>[] = [];
  if (message.text) parts.push({ text: message.text });
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
