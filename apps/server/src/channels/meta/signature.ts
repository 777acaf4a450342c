import { hmacSha256Hex, safeEqual } from '../../lib/crypto';
import type { VerifyResult, WebhookRequest } from '../types';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=<lowercase hex HMAC-SHA256 of the raw body, keyed with the app secret>` (71 characters). */
export const signMetaBody = (appSecret: string, body: string | Buffer) => `sha256=${hmacSha256Hex(appSecret, body)}`;

/**
 * Meta's `X-Hub-Signature-256` over the raw body, exactly as received (re-serialised JSON would differ).
 * The legacy SHA-1 `X-Hub-Signature` is not accepted.
 */
export function verifyMetaSignature(req: WebhookRequest, appSecret: string): VerifyResult {
  const header = req.headers[META_SIGNATURE_HEADER];
  if (!header) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  if (header.length !== 71 || !/^sha256=[0-9a-f]{64}$/i.test(header))
    return { ok: false, reason: 'malformed X-Hub-Signature-256 header' };
  return safeEqual(header.toLowerCase(), signMetaBody(appSecret, req.rawBody))
    ? { ok: true }
    : { ok: false, reason: 'signature mismatch' };
}
