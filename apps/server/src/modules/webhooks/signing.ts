import { hmacSha256Hex } from '../../lib/crypto';

/**
 * The `X-Charla-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
 * subscription's secret>`. Receivers recompute it and refuse timestamps older than 5 minutes (README).
 */
export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${body}`)}`;
}

/** Verifies a signature header as a receiver would (used by tests; documented in the README). */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now = Date.now(),
  toleranceSeconds = 300,
) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  return parts.v1 === hmacSha256Hex(secret, `${t}.${body}`);
}
