import { safeEqual } from '../../lib/crypto';
import type { VerifyResult, WebhookRequest } from '../types';
import type { TelegramConfig } from './schema';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Telegram has no HMAC: it echoes the `secret_token` we gave setWebhook. Compared in constant time. */
export function verifyTelegramWebhook(req: WebhookRequest, config: TelegramConfig): VerifyResult {
  const given = req.headers[SECRET_HEADER];
  if (!given) return { ok: false, reason: 'missing X-Telegram-Bot-Api-Secret-Token header' };
  return safeEqual(given, config.secretToken) ? { ok: true } : { ok: false, reason: 'secret token mismatch' };
}
