import { sha256Hex } from '../../lib/crypto';
import { verifyHmacJwt } from '../jwt';
import type { VerifyResult, WebhookRequest } from '../types';
import type { MessagebirdConfig } from './schema';

export const SIGNATURE_HEADER = 'messagebird-signature-jwt';
/** The SDK's allowance for clock skew on nbf/exp (tokens live 60 s). */
const SKEW_SECONDS = 5;

/**
 * `MessageBird-Signature-JWT`: an HS256/384/512 JWT keyed with the signing key, issued by MessageBird,
 * valid between nbf and exp, binding the exact URL called (`url_hash`) and the raw body (`payload_hash`,
 * present exactly when there is a body). Replays inside the 60 s lifetime are harmless: deliveries are
 * deduplicated by message id.
 */
export function verifyMessagebirdWebhook(
  req: WebhookRequest,
  config: Pick<MessagebirdConfig, 'signingKey'>,
  now = Date.now(),
): VerifyResult {
  const token = req.headers[SIGNATURE_HEADER];
  if (!token) return { ok: false, reason: 'missing MessageBird-Signature-JWT header' };
  const jwt = verifyHmacJwt(token, config.signingKey, ['HS256', 'HS384', 'HS512']);
  if (!jwt.ok) return jwt;
  const c = jwt.claims;
  const seconds = now / 1000;
  if (c.iss !== 'MessageBird') return { ok: false, reason: 'JWT issuer is not MessageBird' };
  if (typeof c.nbf !== 'number' || c.nbf > seconds + SKEW_SECONDS) return { ok: false, reason: 'JWT is not valid yet' };
  if (typeof c.exp !== 'number' || c.exp < seconds - SKEW_SECONDS) return { ok: false, reason: 'JWT has expired' };
  if (typeof c.jti !== 'string' || !c.jti) return { ok: false, reason: 'JWT has no jti' };
  if (c.url_hash !== sha256Hex(req.url)) return { ok: false, reason: 'JWT url_hash does not match the URL called' };
  const hasBody = req.rawBody.length > 0;
  if (hasBody && c.payload_hash === undefined) return { ok: false, reason: 'body present but JWT has no payload_hash' };
  if (!hasBody && c.payload_hash !== undefined) return { ok: false, reason: 'JWT has a payload_hash but no body came' };
  if (hasBody && c.payload_hash !== sha256Hex(req.rawBody))
    return { ok: false, reason: 'JWT payload_hash does not match the body' };
  return { ok: true };
}
