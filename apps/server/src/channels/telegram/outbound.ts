import { sha256Hex } from '../../lib/crypto';
import { outboundButtons } from '../buttons';
import { SendPacer } from '../send-pacer';
import type { OutboundAttachment, OutboundMessage } from '../types';
import { callTelegram, chatIdOf } from './client';
import type { TelegramConfig } from './schema';

/** Telegram's limits (Bot FAQ): about 1 message a second per chat and 30 a second per bot. */
export const telegramPacer = new SendPacer({ perKeyMs: 1000, globalMs: 1000 / 30, maxWaitMs: 5000 });

const CAPTION_LIMIT = 1024;

interface SentMessage {
  message_id: number;
  chat: { id: number };
}

/** `meta.buttons` → an inline keyboard, one button per row; invalid button lists are ignored. */
function keyboardOf(meta: Record<string, unknown> | undefined) {
  const parsed = outboundButtons.safeParse(meta?.buttons);
  if (!parsed.success || parsed.data.length === 0) return undefined;
  return {
    inline_keyboard: parsed.data.map((b) => [
      'data' in b ? { text: b.text, callback_data: b.data } : { text: b.text, url: b.url },
    ]),
  };
}

/** Images go as photos (shown inline); everything else as documents. Telegram fetches the signed URL. */
function mediaCall(a: OutboundAttachment): { method: string; field: string } {
  return a.type === 'image' ? { method: 'sendPhoto', field: 'photo' } : { method: 'sendDocument', field: 'document' };
}

/**
 * Sends a reply as one or more Bot API calls: each attachment by URL (the text as the first one's
 * caption when it fits), else one sendMessage; buttons ride on the last call. Returns the first
 * message's `(chat_id:message_id)`, as message ids are unique only per chat.
 */
export async function sendTelegram(message: OutboundMessage, config: TelegramConfig) {
  const chatId = chatIdOf(message.recipient.externalId);
  const keyboard = keyboardOf(message.meta);
  const text = message.text?.trim() ? message.text : undefined;
  const captionFits = text !== undefined && text.length <= CAPTION_LIMIT;
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  if (text && (!captionFits || message.attachments.length === 0))
    calls.push({ method: 'sendMessage', body: { chat_id: chatId, text } });
  message.attachments.forEach((a, i) => {
    const { method, field } = mediaCall(a);
    const caption = i === 0 && captionFits && text ? { caption: text } : {};
    calls.push({ method, body: { chat_id: chatId, [field]: a.url, ...caption } });
  });
  if (keyboard && calls.length > 0) calls.at(-1)!.body.reply_markup = keyboard;

  const pool = sha256Hex(config.botToken);
  let first: SentMessage | undefined;
  for (const call of calls) {
    await telegramPacer.wait(pool, String(chatId));
    const sent = await callTelegram<SentMessage>(config, call.method, call.body);
    first ??= sent;
  }
  if (!first) return { providerMessageId: `charla-${message.messageId}` };
  return { providerMessageId: `${first.chat.id}:${first.message_id}` };
}
