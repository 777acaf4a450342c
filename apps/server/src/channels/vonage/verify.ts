import crypto from 'node:crypto';
import { safeEqual, sha256Hex } from '../../lib/crypto';
import { verifyHmacJwt } from '../jwt';
import type { VerifyResult, WebhookRequest } from '../types';
import { paramsOf } from './params';
import type { VonageConfig } from './schema';

/**
 * Vonage re-sends an unacknowledged SMS webhook for 24 hours, possibly with its first timestamp, so a
 * signed request is accepted that long; replays inside the window are deduplicated by messageId.
 */
const SMS_MAX_AGE_SECONDS = 24 * 3600 + 300;
/** Messages API JWTs are made per delivery. */
const JWT_MAX_AGE_SECONDS = 300;

/** The legacy `sig`: sorted `&key=value` pairs (values with `&`/`=` replaced by `_`), hashed per the account's method. */
export function vonageSmsSignature(params: URLSearchParams, secret: string, method: VonageConfig['signatureMethod']) {
  const keys = [...new Set(params.keys())].filter((k) => k !== 'sig').sort();
  const signed = keys.map((k) => `&${k}=${(params.get(k) ?? '').replace(/[&=]/g, '_')}`).join('');
  const hex =
    method === 'md5hash'
      ? crypto
          .createHash('md5')
          .update(signed + secret)
          .digest('hex')
      : crypto.createHmac(method, secret).update(signed).digest('hex');
  return hex.toUpperCase();
}

function verifySms(req: WebhookRequest, config: VonageConfig, now: number): VerifyResult {
  // Without a signature secret the account does not sign SMS webhooks: nothing to check.
  if (!config.signatureSecret) return { ok: true };
  const params = paramsOf(req);
  const sig = params.get('sig');
  if (!sig) return { ok: false, reason: 'missing sig parameter' };
  const expected = vonageSmsSignature(params, config.signatureSecret, config.signatureMethod);
  if (!safeEqual(sig.toUpperCase(), expected)) return { ok: false, reason: 'signature mismatch' };
  const timestamp = Number(params.get('timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(now / 1000 - timestamp) > SMS_MAX_AGE_SECONDS)
    return { ok: false, reason: 'timestamp missing or too old' };
  return { ok: true };
}

function verifyMessages(req: WebhookRequest, config: VonageConfig, now: number): VerifyResult {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ')) return { ok: false, reason: 'missing Authorization: Bearer JWT' };
  const jwt = verifyHmacJwt(auth.slice(7), config.signatureSecret ?? '', ['HS256']);
  if (!jwt.ok) return jwt;
  const c = jwt.claims;
  if (typeof c.iat !== 'number' || Math.abs(now / 1000 - c.iat) > JWT_MAX_AGE_SECONDS)
    return { ok: false, reason: 'JWT iat missing or not recent' };
  if (c.api_key !== undefined && c.api_key !== config.apiKey)
    return { ok: false, reason: 'JWT is for another api_key' };
  if (req.rawBody.length > 0 && c.payload_hash !== sha256Hex(req.rawBody))
    return { ok: false, reason: 'JWT payload_hash does not match the body' };
  return { ok: true };
}

export const verifyVonageWebhook = (req: WebhookRequest, config: VonageConfig, now = Date.now()): VerifyResult =>
  config.api === 'messages' ? verifyMessages(req, config, now) : verifySms(req, config, now);
