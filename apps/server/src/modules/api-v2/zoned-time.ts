import { invalid } from '../../http/errors';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** How far the wall clock of `timeZone` is ahead of UTC at the instant `at` (ms since epoch). */
function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}

/**
 * A filter timestamp: unix seconds or milliseconds, an ISO time with an offset, or a local date/time
 * without one (`2026-11-27`, `2026-11-27T09:30`) read in `timeZone` (the list request's `timezone`).
 *
 * @example zonedInstant('2026-01-15T10:00', 'America/Mexico_City') // 2026-01-15T16:00:00.000Z
 */
export function zonedInstant(value: unknown, timeZone: string): Date | null {
  if (typeof value === 'number') return new Date(value < 1e11 ? value * 1000 : value);
  if (typeof value !== 'string') return null;
  const m = LOCAL.exec(value.trim());
  if (!m) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // The offset at the wall time read as UTC is right except within an hour of a DST change: correct once.
  const first = wall - offsetMs(timeZone, wall);
  return new Date(wall - offsetMs(timeZone, first));
}

/** A valid IANA time zone name, or a 400. */
export function assertTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw invalid('invalid_timezone', `Unknown time zone "${timeZone}"`);
  }
}
