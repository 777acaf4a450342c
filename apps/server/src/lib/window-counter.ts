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

const windowOf = (windowMs: number, now: number) => Math.floor(now / windowMs);
const resetIn = (windowMs: number, now: number) => (windowOf(windowMs, now) + 1) * windowMs - now;

export class MemoryWindowCounter implements WindowCounter {
  private readonly hits = new Map<string, { window: number; count: number }>();

  async hit(key: string, windowMs: number, now = Date.now()): Promise<WindowCount> {
    const window = windowOf(windowMs, now);
    let entry = this.hits.get(key);
    if (!entry || entry.window !== window) {
      if (this.hits.size > 50_000) this.sweep(windowMs, now);
      entry = { window, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: resetIn(windowMs, now) };
  }

  private sweep(windowMs: number, now: number) {
    const current = windowOf(windowMs, now);
    for (const [key, e] of this.hits) if (e.window !== current) this.hits.delete(key);
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

  async hit(key: string, windowMs: number, now = Date.now()): Promise<WindowCount> {
    const redisKey = `${this.prefix}${key}:${windowOf(windowMs, now)}`;
    // INCR and PEXPIRE in one round trip; the expiry outlives the window a little so a slow clock on one
    // process never sees a key vanish mid-window.
    const [count] = await this.client
      .multi()
      .incr(redisKey)
      .pExpire(redisKey, windowMs * 2)
      .exec();
    return { count: Number(count), resetInMs: resetIn(windowMs, now) };
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
