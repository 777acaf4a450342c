import { describe, expect, it } from 'vitest';
import type { AppError } from '../http/errors';
import { WindowLimiter } from '../modules/webchat/limits';
import { MemoryWindowCounter } from './window-counter';

describe('fixed-window counters', () => {
  it('counts per key in a window opened by its first hit, then starts again', async () => {
    const counter = new MemoryWindowCounter();
    const t0 = 1_800_000_012_345;
    expect(await counter.hit('a', 60_000, t0)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(await counter.hit('a', 60_000, t0 + 59_000)).toEqual({ count: 2, resetInMs: 1_000 });
    expect(await counter.hit('b', 60_000, t0 + 59_000)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(await counter.hit('a', 60_000, t0 + 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it('a limiter refuses the hit past its budget with rate_limited and when to retry', async () => {
    const limiter = new WindowLimiter(new MemoryWindowCounter(), 'test', 3, 60_000);
    for (let i = 0; i < 3; i++) await limiter.hit('visitor-1');
    await expect(limiter.hit('visitor-1')).rejects.toMatchObject({ code: 'rate_limited' });
    const refused = await limiter.hit('visitor-1').then(
      () => undefined,
      (err: AppError) => err.details?.retryAfterSeconds,
    );
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(60);
    // Another visitor has their own budget.
    await expect(limiter.hit('visitor-2')).resolves.toBeUndefined();
  });
});
