import { AppError } from '../../http/errors';
import type { WindowCounter } from '../../lib/window-counter';

/**
 * Fixed-window limits for the public widget API: per IP (anyone can call it) and per visitor (one visitor
 * cannot flood an inbox from many IPs). Counted by the shared `WindowCounter`, so with Redis every process
 * draws on one budget.
 */
export class WindowLimiter {
  constructor(
    private readonly counter: WindowCounter,
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; throws rate_limited (429 with Retry-After) past `max` in the window. */
  async hit(key: string): Promise<void> {
    const { count, resetInMs } = await this.counter.hit(`${this.name}:${key}`, this.windowMs);
    if (count > this.max) {
      throw new AppError('rate_limited', 'rate_limited', 'Too many requests; slow down', {
        retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
      });
    }
  }
}

/** The widget API's limits. Generous for people typing, tight for scripts. */
export function widgetLimits(counter: WindowCounter) {
  return {
    perIp: new WindowLimiter(counter, 'widget-ip', 240, 60_000),
    sessionsPerIp: new WindowLimiter(counter, 'widget-sessions', 30, 60_000),
    messagesPerVisitor: new WindowLimiter(counter, 'widget-messages', 30, 60_000),
    uploadsPerVisitor: new WindowLimiter(counter, 'widget-uploads', 10, 60_000),
  };
}
export type WidgetLimits = ReturnType<typeof widgetLimits>;
