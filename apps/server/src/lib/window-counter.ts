import { createClient } from 'redis';

/** How many hits a key has had in the current fixed window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Fixed-window hit counters behind every rate limit (widget API, developer API). In memory for one
 * process; in Redis when `REDIS_URL` is set, so that several server processes share one budget instead
 * of each granting its own.
 */
export interface WindowCounter {
  hit(key: string, windowMs: number, now?: number): Promise<WindowCount>;
  close(): Promise<void>;
}

/**
 * A key's window opens at its first hit and lasts `windowMs` (like a fresh budget per burst), so a burst
 * is never split by a clock boundary.
 */
export class MemoryWindowCounter implements WindowCounter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  async hit(key: string, windowMs: number, now = Date.now()): Promise<WindowCount> {
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= windowMs) {
      if (this.hits.size > 50_000) this.sweep(windowMs, now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: entry.start + windowMs - now };
  }

  private sweep(windowMs: number, now: number) {
    for (const [key, e] of this.hits) if (now - e.start >= windowMs) this.hits.delete(key);
  }

  async close(): Promise<void> {}
}

const newClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof newClient>;

export class RedisWindowCounter implements WindowCounter {
  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix: string): Promise<RedisWindowCounter> {
    const client = newClient(url);
    // A dropped connection must not crash the process: the next hit reports the error to its caller.
    client.on('error', () => {});
    await client.connect();
    return new RedisWindowCounter(client, prefix);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const redisKey = `${this.prefix}${key}`;
    // One round trip: the first hit creates the key with the window as its expiry, INCR keeps that expiry,
    // and the key's remaining life is when the window resets. Redis's clock decides, not the processes'.
    const [, count, ttl] = await this.client
      .multi()
      .set(redisKey, '0', { NX: true, PX: windowMs })
      .incr(redisKey)
      .pTTL(redisKey)
      .exec();
    return { count: Number(count), resetInMs: Number(ttl) > 0 ? Number(ttl) : windowMs };
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => {});
  }
}

/** Redis when configured (shared by every process), else this process's memory. */
export async function openWindowCounter(config: { redisUrl?: string; redisPrefix: string }): Promise<WindowCounter> {
  return config.redisUrl
    ? RedisWindowCounter.connect(config.redisUrl, `${config.redisPrefix}:rl:`)
    : new MemoryWindowCounter();
}
