import crypto from 'node:crypto';
import { safeEqual } from '../lib/crypto';

/** The HMAC algorithms webhook JWTs use; anything else (notably `none`) is refused. */
const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

const b64json = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks an HMAC-signed JWT (HS256/384/512, of those listed in `algorithms`) and returns its claims.
 * Only the signature and the algorithm are checked here: each provider checks its own claims.
 */
export function verifyHmacJwt(token: string, key: string, algorithms: string[]): JwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed JWT' };
  const [head, body, signature] = parts as [string, string, string];
  const header = b64json(head);
  const claims = b64json(body);
  if (!header || !claims) return { ok: false, reason: 'malformed JWT' };
  const alg = String(header.alg);
  if (!algorithms.includes(alg) || !HMAC[alg]) return { ok: false, reason: `JWT algorithm ${alg} is not accepted` };
  const expected = crypto.createHmac(HMAC[alg], key).update(`${head}.${body}`).digest('base64url');
  if (!safeEqual(signature, expected)) return { ok: false, reason: 'JWT signature is invalid' };
  return { ok: true, claims };
}

/** Signs claims as an RS256 JWT with a PEM private key (Vonage application auth). */
export function signRs256Jwt(claims: Record<string, unknown>, privateKeyPem: string): string {
  const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = crypto.createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKeyPem).toString('base64url');
  return `${head}.${body}.${signature}`;
}
