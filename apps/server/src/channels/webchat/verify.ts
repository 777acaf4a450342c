import { hmacSha256Hex, safeEqual } from '../../lib/crypto';
import type { VerifyResult } from '../types';

/**
 * The site's proof that a visitor is its logged-in user: `userHash = hex(HMAC-SHA256(key = channel secret,
 * message = userId))`, computed on the site's server. Compared in constant time.
 */
export function verifyUserHash(secret: string, userId: string, userHash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(userHash)) return false;
  return safeEqual(userHash.toLowerCase(), hmacSha256Hex(secret, userId));
}

/** Visitors never post to /webhooks: their messages come through the widget API (modules/webchat). */
export const refuseWebhook = (): VerifyResult => ({
  ok: false,
  reason: 'web chat messages arrive through the widget API, not the webhook URL',
});
