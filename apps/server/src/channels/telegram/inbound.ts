import { locationAttachment, readJsonWebhook } from '../webhook-body';
import type { InboundAttachment, InboundEvent, InboundSender, WebhookRequest } from '../types';
import { type TelegramMessage, type TelegramUpdate, telegramUpdate } from './schema';

export const parseTelegramUpdate = (raw: Buffer): TelegramUpdate =>
  readJsonWebhook(raw, telegramUpdate, 'Telegram Update');

const fullName = (p: { first_name?: string; last_name?: string }) =>
  [p.first_name, p.last_name].filter(Boolean).join(' ') || undefined;

/** The chat is the address we reply to; in private chats it is the user. Groups are named by title. */
function senderOf(msg: TelegramMessage, from: TelegramMessage['from']): InboundSender {
  const isPrivate = msg.chat.type === 'private';
  const sender: InboundSender = {
    externalId: String(msg.chat.id),
    name: isPrivate ? fullName(from ?? msg.chat) : (msg.chat.title ?? fullName(msg.chat)),
    username: isPrivate ? (from?.username ?? msg.chat.username) : undefined,
  };
  // A shared contact proves a phone only when it is the sender's own (Telegram's "share my phone").
  if (isPrivate && msg.contact && from && msg.contact.user_id === from.id) {
    sender.phone = msg.contact.phone_number;
    sender.identifiersVerified = true;
  }
  return sender;
}

function attachmentsOf(msg: TelegramMessage): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  // Sizes come smallest first: keep the largest.
  const photo = msg.photo?.at(-1);
  if (photo) out.push({ type: 'image', ref: photo.file_id, mime: 'image/jpeg' });
  if (msg.document)
    out.push({ type: 'file', ref: msg.document.file_id, name: msg.document.file_name, mime: msg.document.mime_type });
  if (msg.voice) out.push({ type: 'audio', ref: msg.voice.file_id, mime: msg.voice.mime_type ?? 'audio/ogg' });
  if (msg.audio)
    out.push({ type: 'audio', ref: msg.audio.file_id, name: msg.audio.file_name, mime: msg.audio.mime_type });
  if (msg.video)
    out.push({ type: 'video', ref: msg.video.file_id, name: msg.video.file_name, mime: msg.video.mime_type });
  if (msg.sticker) out.push({ type: 'sticker', ref: msg.sticker.file_id, name: msg.sticker.emoji, mime: 'image/webp' });
  if (msg.location) out.push(locationAttachment(msg.location.latitude, msg.location.longitude));
  if (msg.contact)
    out.push({
      type: 'contact',
      name: [fullName(msg.contact), msg.contact.phone_number].filter(Boolean).join(' · '),
    });
  return out;
}

function messageEvent(msg: TelegramMessage): InboundEvent {
  const attachments = attachmentsOf(msg);
  const text = msg.text ?? msg.caption;
  const meta: Record<string, unknown> = {};
  if (msg.location) meta.location = msg.location;
  if (msg.contact) meta.contact = msg.contact;
  return {
    kind: 'message',
    // message_id is unique only within a chat.
    providerMessageId: `${msg.chat.id}:${msg.message_id}`,
    sender: senderOf(msg, msg.from),
    text,
    attachments: text || attachments.length > 0 ? attachments : [{ type: 'unsupported' }],
    timestamp: new Date(msg.date * 1000),
    meta: Object.keys(meta).length > 0 ? meta : undefined,
  };
}

/** A tap on an inline-keyboard button: stored as a message showing the button's label. */
function callbackEvent(update: TelegramUpdate): InboundEvent[] {
  const cb = update.callback_query!;
  const msg = cb.message;
  if (!msg) return []; // a button on an inline-mode message: no chat to reply in
  const label = msg.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === cb.data)?.text;
  return [
    {
      kind: 'message',
      providerMessageId: `callback:${cb.id}`,
      sender: senderOf(msg, cb.from),
      text: label ?? cb.data,
      attachments: [],
      meta: { callbackData: cb.data ?? null, inReplyTo: `${msg.chat.id}:${msg.message_id}` },
    },
  ];
}

/** Turns one Update into events. Edits, channel posts and membership changes are not conversations. */
export function parseTelegramWebhook(req: WebhookRequest): InboundEvent[] {
  const update = parseTelegramUpdate(req.rawBody);
  if (update.message) return [messageEvent(update.message)];
  if (update.callback_query) return callbackEvent(update);
  return [];
}
