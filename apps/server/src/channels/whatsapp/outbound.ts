import { listOf, replyButtonsOf } from '../buttons';
import { graphCall } from '../meta/graph-client';
import { hoursSince, WINDOW_HOURS } from '../meta/window';
import { ChannelError, type OutboundAttachment, type OutboundMessage } from '../types';
import { paceWhatsApp, WHATSAPP_DEFAULT_RATE } from './pacing';
import type { WhatsAppConfig } from './schema';
import { interactivePart, listPart, whatsappButtonsFit, whatsappListFits } from './interactive';
import { templatePart } from './templates';

interface SendResponse {
  messages?: { id?: string }[];
  /** The number as sent (`input`) and the WhatsApp user it reached (`wa_id`), which may be written otherwise. */
  contacts?: { input?: string; wa_id?: string }[];
}

const MEDIA_TYPES = new Set(['image', 'audio', 'video']);
const CAPTIONED = new Set(['image', 'video', 'document']);

/** A phone-number recipient goes in `to`; a business-scoped user id (no phone) in `recipient`. */
const addressee = (externalId: string) =>
  /^\+?\d+$/.test(externalId) ? { to: externalId } : { recipient: externalId };

function mediaPart(a: OutboundAttachment, caption?: string) {
  const type = MEDIA_TYPES.has(a.type) ? a.type : 'document';
  return {
    type,
    // Meta fetches the signed, expiring link itself; documents keep their file name.
    [type]: {
      link: a.url,
      ...(caption ? { caption } : {}),
      ...(type === 'document' && a.name ? { filename: a.name } : {}),
    },
  };
}

/** The list menu's label the sender chose (in the workspace's language), else a neutral default. */
const menuLabelOf = (meta: Record<string, unknown> | undefined) =>
  typeof meta?.menuLabel === 'string' && meta.menuLabel.trim() ? meta.menuLabel : '☰';

/** The message bodies to send: a template alone; a single captioned attachment when possible, else the text then each file. */
function parts(message: OutboundMessage): Record<string, unknown>[] {
  if (message.template) return [templatePart(message.template)];
  const text = message.text?.trim() ? message.text : undefined;
  const list = listOf(message.meta);
  if (text && list && message.attachments.length === 0 && whatsappListFits(text, list)) return [listPart(text, list)];
  const buttons = replyButtonsOf(message.meta);
  if (
    text &&
    buttons.length > 0 &&
    message.attachments.length === 0 &&
    whatsappButtonsFit(
      text,
      buttons.map((b) => b.text),
    )
  )
    return [interactivePart(text, buttons, menuLabelOf(message.meta))];
  const [first] = message.attachments;
  if (text && message.attachments.length === 1 && first && CAPTIONED.has(mediaPart(first).type))
    return [mediaPart(first, text)];
  const out: Record<string, unknown>[] = [];
  if (text) out.push({ type: 'text', text: { preview_url: /https?:\/\//i.test(text), body: text } });
  for (const a of message.attachments) out.push(mediaPart(a));
  return out;
}

/**
 * Sends through `POST /{phone-number-id}/messages`, paced to the number's throughput. Outside the 24 h
 * window WhatsApp only takes templates, so other replies are refused here with the reason instead of
 * failing at Meta. Several parts are sent in order; the last wamid is kept for statuses.
 */
export async function sendWhatsApp(message: OutboundMessage, config: WhatsAppConfig) {
  const hours = hoursSince(message.lastInboundAt);
  if (!message.template && hours !== null && hours >= WINDOW_HOURS)
    throw new ChannelError(
      'outside_window',
      'More than 24 hours have passed since the customer last wrote: WhatsApp only accepts approved templates until they write again',
      false,
    );
  const bodies = parts(message);
  if (bodies.length === 0) throw new ChannelError('empty_message', 'Nothing to send', false);
  const base = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...addressee(message.recipient.externalId),
    ...(message.replyTo ? { context: { message_id: message.replyTo } } : {}),
  };
  let last = '';
  let waId: string | undefined;
  for (const body of bodies) {
    await paceWhatsApp(
      config.phoneNumberId,
      config.ratePerSecond ?? WHATSAPP_DEFAULT_RATE,
      message.recipient.externalId,
    );
    const res = await graphCall<SendResponse>(
      config.apiBaseUrl,
      config.accessToken,
      `${config.phoneNumberId}/messages`,
      {
        body: { ...base, ...body },
      },
    );
    const id = res.messages?.[0]?.id;
    if (!id) throw new ChannelError('bad_response', 'WhatsApp answered without a message id', false);
    last = id;
    waId = res.contacts?.[0]?.wa_id ?? waId;
  }
  // A number written to for the first time (from the contact's phone) may reach a wa_id spelled otherwise
  // (Mexico's `521…` for `52…`): the contact's answers come from the wa_id, so it becomes their address.
  return {
    providerMessageId: last,
    ...(waId && waId !== message.recipient.externalId ? { recipientAddress: waId } : {}),
  };
}

/** Marks the contact's message (and the earlier ones) as read: the two blue ticks on their phone. */
export async function markWhatsAppRead(message: { providerMessageId: string }, config: WhatsAppConfig) {
  await graphCall(config.apiBaseUrl, config.accessToken, `${config.phoneNumberId}/messages`, {
    body: { messaging_product: 'whatsapp', status: 'read', message_id: message.providerMessageId },
  });
}
