import { hmacSha256Hex, safeEqual } from '../../lib/crypto';
import type { VerifyResult, WebhookRequest } from '../types';
import type { CustomConfig } from './schema';

export const SIGNATURE_HEADER = 'x-charla-signature';

export const signCustomBody = (secret: string, body: string | Buffer) => `sha256=${hmacSha256Hex(secret, body)}`;

/** `X-Charla-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with the channel secret>`. */
export function verifyCustomWebhook(req: WebhookRequest, config: CustomConfig): VerifyResult {
  const header = req.headers[SIGNATURE_HEADER];
  if (!header) return { ok: false, reason: 'missing X-Charla-Signature header' };
  if (!/^sha256=[0-9a-f]{64}$/i.test(header)) return { ok: false, reason: 'malformed X-Charla-Signature header' };
  return safeEqual(header.toLowerCase(), signCustomBody(config.secret, req.rawBody))
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
}
