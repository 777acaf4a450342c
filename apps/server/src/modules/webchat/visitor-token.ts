import type { Ctx } from '../../context';
import { randomToken, safeEqual } from '../../lib/crypto';

const PURPOSE = 'webchat-visitor';
/** A visitor keeps their conversation across visits for a year; every session call renews the token. */
const TTL_SECONDS = 365 * 24 * 3600;

/** Who a widget request speaks for: one address on one channel, hence one contact. */
export interface Visitor {
  workspaceId: number;
  channelId: number;
  /** `v:<random>` for anonymous visitors, `user:<site user id>` once the site verified them. */
  externalId: string;
}

export const newAnonymousId = () => `v:${randomToken(18)}`;
export const identifiedId = (userId: string) => `user:${userId}`;
export const isIdentified = (externalId: string) => externalId.startsWith('user:');

/**
 * Visitor tokens are HMAC-signed (with the server's secret key) rather than stored: any process can check
 * one without a table, and the signature binds it to one channel and one address, so a visitor can only
 * ever reach their own conversation. Format: `<base64url JSON {w,c,x,e}>.<mac>`.
 */
export function issueVisitorToken(ctx: Ctx, v: Visitor, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ w: v.workspaceId, c: v.channelId, x: v.externalId, e: Math.floor(now / 1000) + TTL_SECONDS }),
  ).toString('base64url');
  return `${payload}.${ctx.secrets.sign(PURPOSE, payload)}`;
}

/** The visitor a token names on `channelId`, or null when forged, expired or minted for another channel. */
export function readVisitorToken(
  ctx: Ctx,
  token: string | undefined,
  channelId: number,
  now = Date.now(),
): Visitor | null {
  const m = /^([\w-]{10,600})\.([\w-]{20,100})$/.exec(token ?? '');
  if (!m) return null;
  const [, payload, mac] = m;
  if (!safeEqual(mac!, ctx.secrets.sign(PURPOSE, payload!))) return null;
  let data: { w?: unknown; c?: unknown; x?: unknown; e?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (data.c !== channelId || typeof data.w !== 'number' || typeof data.x !== 'string') return null;
  if (typeof data.e !== 'number' || data.e * 1000 < now) return null;
  return { workspaceId: data.w, channelId, externalId: data.x };
}
