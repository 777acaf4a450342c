/**
 * Per-token request budget for the developer API: a fixed one-minute window per token.
 *
 * In memory, per process: with several server processes behind a balancer each one keeps its own count, so
 * the effective limit is the configured one times the number of processes. That is acceptable for a
 * limit meant to stop runaway integrations, not to bill them.
 */
export class TokenRateLimiter {
  private readonly windows = new Map<number, { start: number; used: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; `allowed` is false once the window's budget is spent. */
  take(tokenId: number, now = Date.now()): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
    let w = this.windows.get(tokenId);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(tokenId, w);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    if (w.used >= this.limit) return { allowed: false, remaining: 0, retryAfterSeconds };
    w.used++;
    return { allowed: true, remaining: this.limit - w.used, retryAfterSeconds };
  }

  private sweep(now: number) {
    for (const [id, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(id);
  }
}
