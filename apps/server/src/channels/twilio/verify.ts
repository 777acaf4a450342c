import crypto from 'node:crypto';
import { safeEqual, sha256Hex } from '../../lib/crypto';
import type { VerifyResult, WebhookRequest } from '../types';
import type { TwilioConfig } from './schema';

export const SIGNATURE_HEADER = 'x-twilio-signature';

/**
 * Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the full URL followed
 * by every POST parameter sorted by name as `name + value` (a repeated name: its values sorted).
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let data = url;
  for (const name of names) for (const value of params.getAll(name).sort()) data += name + value;
  return crypto.createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Twilio may have signed the URL with or without the scheme's default port (twilio-node accepts both). */
function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  if (parsed.port) return [url];
  const withPort = url.replace(
    `${parsed.protocol}//${parsed.host}`,
    `${parsed.protocol}//${parsed.hostname}:${defaultPort}`,
  );
  const withoutPort = url.replace(`:${defaultPort}/`, '/');
  return [...new Set([url, withPort, withoutPort])];
}

export function verifyTwilioWebhook(req: WebhookRequest, config: TwilioConfig): VerifyResult {
  const given = req.headers[SIGNATURE_HEADER];
  if (!given) return { ok: false, reason: 'missing X-Twilio-Signature header' };
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  // JSON bodies: the URL carries bodySHA256 and is signed without parameters.
  const bodyHash = new URLSearchParams(req.query).get('bodySHA256');
  const params = isForm ? new URLSearchParams(req.rawBody.toString('utf8')) : new URLSearchParams();
  if (!isForm && req.rawBody.length > 0 && (!bodyHash || !safeEqual(bodyHash, sha256Hex(req.rawBody))))
    return { ok: false, reason: 'body does not match bodySHA256' };
  const ok = urlVariants(req.url).some((u) => safeEqual(twilioSignature(config.authToken, u, params), given));
  return ok ? { ok: true } : { ok: false, reason: 'signature mismatch (is PUBLIC_URL the URL Twilio calls?)' };
}
