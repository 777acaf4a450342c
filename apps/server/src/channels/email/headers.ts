import { createHash } from 'node:crypto';

/** The unfolded header block of a raw RFC 5322 message (everything before the first empty line). */
function headerBlock(raw: Buffer): string {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
}

/** The first value of header `name` (case-insensitive), unfolded and trimmed. */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const re = new RegExp(`^${name.replace(/[-]/g, '\\-')}:[ \\t]*(.*)$`, 'im');
  return headerBlock(raw).match(re)?.[1]?.trim() || undefined;
}

/** Every `<id>` in a Message-ID / In-Reply-To / References value, in order. */
export const messageIdsIn = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(' ') : (value ?? '')).match(/<[^<>\s]+>/g) ?? [];

/**
 * The key one email is stored and deduplicated under: its Message-ID, or (a message without one) a
 * hash of its bytes, which is the same whenever the same message is fetched again.
 */
export function emailKey(raw: Buffer): string {
  const id = messageIdsIn(rawHeader(raw, 'Message-ID'))[0];
  return id ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}
