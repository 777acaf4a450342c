import { AppError } from '../../http/errors';

/**
 * Fixed-window counters for the public widget API: per IP (anyone can call it) and per visitor (one
 * visitor cannot flood an inbox from many IPs). In memory: with N processes the effective limit is N×,
 * which is still a bound; a shared store can replace this class without touching callers.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; throws rate_limited (429 with Retry-After) past `max` in the window. */
  hit(key: string, now = Date.now()): void {
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (this.hits.size > 50_000) this.sweep(now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > this.max) {
      const retryAfterSeconds = Math.ceil((entry.start + this.windowMs - now) / 1000);
      throw new AppError('rate_limited', 'rate_limited', 'Too many requests; slow down', { retryAfterSeconds });
    }
  }

  private sweep(now: number) {
    for (const [key, e] of this.hits) if (now - e.start >= this.windowMs) this.hits.delete(key);
  }
}

/** The widget API's limits. Generous for people typing, tight for scripts. */
export function widgetLimits() {
  return {
    perIp: new WindowLimiter(240, 60_000),
    sessionsPerIp: new WindowLimiter(30, 60_000),
    messagesPerVisitor: new WindowLimiter(30, 60_000),
    uploadsPerVisitor: new WindowLimiter(10, 60_000),
  };
}
export type WidgetLimits = ReturnType<typeof widgetLimits>;
