import type { WindowCounter } from '../../lib/window-counter';

/**
 * Per-token request budget for the developer API: a fixed one-minute window per token, counted by the
 * shared `WindowCounter` (one budget across processes when Redis is configured).
 */
export class TokenRateLimiter {
  constructor(
    private readonly counter: WindowCounter,
    readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; `allowed` is false once the window's budget is spent. */
  async take(tokenId: number): Promise<{ allowed: boolean; remaining: number; retryAfterSeconds: number }> {
    const { count, resetInMs } = await this.counter.hit(`api-token:${tokenId}`, this.windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
    return { allowed: count <= this.limit, remaining: Math.max(0, this.limit - count), retryAfterSeconds };
  }
}
