import type { Ctx } from '../../context';
import { safeEqual } from '../../lib/crypto';

const PURPOSE = 'file-link';
/** Providers fetch outbound media within minutes; a day covers their retries. */
const LINK_TTL_SECONDS = 24 * 3600;

/**
 * A link to one file that a provider can fetch without a session (Twilio's MediaUrl, WhatsApp's
 * `link`, Telegram's photo URL): `/media/<fileId>.<expiry>.<mac>`, valid for a day.
 */
export function signedFileLink(ctx: Ctx, fileId: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + LINK_TTL_SECONDS;
  const payload = `${fileId}.${exp}`;
  return `${ctx.publicUrl()}/media/${payload}.${ctx.secrets.sign(PURPOSE, payload)}`;
}

/** The file id a link names, or null when the link is forged, altered or expired. */
export function verifyFileLink(ctx: Ctx, token: string, now = Date.now()): number | null {
  const m = /^(\d+)\.(\d+)\.([\w-]+)$/.exec(token);
  if (!m) return null;
  const [, id, exp, mac] = m;
  if (!safeEqual(mac!, ctx.secrets.sign(PURPOSE, `${id}.${exp}`))) return null;
  if (Number(exp) * 1000 < now) return null;
  return Number(id);
}
