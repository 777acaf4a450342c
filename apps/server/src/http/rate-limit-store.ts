import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { WindowCounter } from '../lib/window-counter';

type RouteInfo = { method?: string | string[]; url?: string };

/** At run time a child gets the route's merged limit options, which carry the route as `routeInfo`. */
function routeName(params: unknown): string {
  const info = (params as { routeInfo?: RouteInfo } | undefined)?.routeInfo;
  return info?.url ? `${[info.method].flat().join(',')} ${info.url}` : 'global';
}

/**
 * Lets @fastify/rate-limit (login, password reset, invite lookups) count in the shared `WindowCounter`, so
 * those limits hold across processes like the widget and developer API limits do. One child per route,
 * keyed by the route's method and URL.
 */
export function counterStore(counter: WindowCounter) {
  return class CounterStore implements FastifyRateLimitStore {
    readonly route: string;

    constructor(params?: unknown) {
      this.route = routeName(params);
    }

    incr(key: string, cb: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number): void {
      counter.hit(`http:${this.route}:${key}`, timeWindow).then(
        ({ count, resetInMs }) => cb(null, { current: count, ttl: resetInMs }),
        (err: Error) => cb(err),
      );
    }

    child(params: unknown): FastifyRateLimitStore {
      return new CounterStore(params);
    }
  };
}
