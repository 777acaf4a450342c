import { describe, expect, it } from 'vitest';
import { zonedInstant } from './zoned-time';

describe('filter timestamps', () => {
  it('reads local dates and times in the request time zone', () => {
    expect(zonedInstant('2026-01-15T10:00', 'America/Mexico_City')?.toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(zonedInstant('2026-07-01', 'Europe/Madrid')?.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(zonedInstant('2026-01-01', 'Europe/Madrid')?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('takes unix seconds, milliseconds and times with an offset as they are', () => {
    expect(zonedInstant(1_700_000_000, 'Asia/Tokyo')?.getTime()).toBe(1_700_000_000_000);
    expect(zonedInstant(1_700_000_000_123, 'Asia/Tokyo')?.getTime()).toBe(1_700_000_000_123);
    expect(zonedInstant('2026-01-15T10:00:00Z', 'Asia/Tokyo')?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(zonedInstant('yesterday', 'UTC')).toBeNull();
  });
});
