import { ChannelError } from './types';

/**
 * Spaces sends to respect a provider's rate limits inside this process: at most one send per
 * `perKeyMs` to one recipient, and sends of one pool (a bot, an account) at least `globalMs` apart.
 * A send waits for its slot when the wait is short (so a contact's messages keep their order); beyond
 * `maxWaitMs` it is refused with a retryable ChannelError carrying the wait, and the outbound job
 * re-queues it. Slots are reserved synchronously, so concurrent sends get distinct slots, and a
 * recipient waiting for its own slot does not hold back other recipients. Several processes each keep
 * their own pacer: the provider's 429 `retry_after` remains the authority.
 */
export class SendPacer {
  private readonly recipientNext = new Map<string, number>();
  /** Per pool, the reserved send times, ascending. */
  private readonly poolSlots = new Map<string, number[]>();

  constructor(
    private readonly opts: { perKeyMs: number; globalMs: number; maxWaitMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves the next slot for `key` within `pool` and returns the wait in ms. */
  reserve(pool: string, key: string): number {
    const now = this.now();
    const { perKeyMs, globalMs, maxWaitMs } = this.opts;
    const recipientKey = `${pool}\0${key}`;
    const slots = (this.poolSlots.get(pool) ?? []).filter((s) => s > now - globalMs);
    let at = Math.max(now, this.recipientNext.get(recipientKey) ?? 0);
    // First gap of globalMs around `at` among the pool's reserved slots (they are sorted).
    for (const s of slots) {
      if (s <= at - globalMs) continue;
      if (s >= at + globalMs) break;
      at = s + globalMs;
    }
    const wait = at - now;
    if (wait > maxWaitMs) {
      throw new ChannelError(
        'rate_limited',
        'Sending too fast for the provider’s rate limit; retrying shortly',
        true,
        Math.ceil(wait / 1000),
      );
    }
    slots.push(at);
    slots.sort((a, b) => a - b);
    this.poolSlots.set(pool, slots);
    this.recipientNext.set(recipientKey, at + perKeyMs);
    if (this.recipientNext.size > 10_000) {
      for (const [k, t] of this.recipientNext) if (t < now) this.recipientNext.delete(k);
    }
    return wait;
  }

  /** Waits for the reserved slot. */
  async wait(pool: string, key: string): Promise<void> {
    const ms = this.reserve(pool, key);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }
}
