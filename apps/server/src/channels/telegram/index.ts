import { randomToken } from '../../lib/crypto';
import { downloadMedia } from '../media-download';
import { ChannelError, type ChannelAdapter } from '../types';
import { callTelegram } from './client';
import { parseTelegramUpdate, parseTelegramWebhook } from './inbound';
import { sendTelegram } from './outbound';
import { type TelegramConfig, telegramConfigSchema } from './schema';
import { verifyTelegramWebhook } from './verify';

/** Telegram bots (Bot API over a webhook registered at channel creation). */
export const telegramAdapter: ChannelAdapter<TelegramConfig> = {
  type: 'telegram',
  configSchema: telegramConfigSchema,
  capabilities: { media: true, buttons: true, templates: false, windowHours: null, ratePerSecond: 30 },
  prepareConfig(input) {
    const given = (input ?? {}) as Partial<TelegramConfig>;
    return { config: telegramConfigSchema.parse({ ...given, secretToken: given.secretToken ?? randomToken(32) }) };
  },
  verifyWebhook: verifyTelegramWebhook,
  eventId: (req) => String(parseTelegramUpdate(req.rawBody).update_id),
  parseWebhook: parseTelegramWebhook,
  send: sendTelegram,
  async connect(config, channel) {
    await callTelegram(config, 'setWebhook', {
      url: channel.webhookUrl,
      secret_token: config.secretToken,
      allowed_updates: ['message', 'callback_query'],
    });
  },
  async fetchMedia(attachment, config) {
    if (!attachment.ref) throw new ChannelError('no_media', 'The attachment has no Telegram file id', false);
    const file = await callTelegram<{ file_path?: string }>(config, 'getFile', { file_id: attachment.ref });
    if (!file.file_path) throw new ChannelError('no_file_path', 'Telegram gave no download path for the file', false);
    const media = await downloadMedia(`${config.apiBaseUrl}/file/bot${config.botToken}/${file.file_path}`);
    // Telegram's file server answers application/octet-stream; the update declared the real type.
    return { ...media, mime: attachment.mime ?? media.mime };
  },
  // Stops the spinner on the tapped button: Telegram runs a Bot API call given in the webhook answer.
  webhookAck(req) {
    try {
      const cb = parseTelegramUpdate(req.rawBody).callback_query;
      if (cb)
        return {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ method: 'answerCallbackQuery', callback_query_id: cb.id }),
        };
    } catch {
      // already parsed once by eventId; fall through to the plain answer
    }
    return { status: 200, contentType: 'application/json', body: '{"ok":true}' };
  },
};
