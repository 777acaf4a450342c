import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Response = { status: number; body?: string | Buffer; headers?: Record<string, string> };

/**
 * A loopback HTTP server standing in for an integrator's callback URL. Answers with the queued
 * responses in order, then with what `respondBy` decides for the body (when set), then with 200.
 * `hold()` keeps requests unanswered (recorded in `calls` at once) until `release()`.
 */
export async function startFakeCallback() {
  const calls: ReceivedCall[] = [];
  const queue: Response[] = [];
  let decide: ((body: string) => Response | undefined) | null = null;
  let held: (() => void)[] | null = null;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      const n = calls.length;
      const answer = () => {
        const next = queue.shift() ?? decide?.(body) ?? { status: 200, body: JSON.stringify({ id: `ext-${n}` }) };
        res.writeHead(next.status, { 'content-type': 'application/json', ...(next.headers ?? {}) });
        res.end(next.body ?? '');
      };
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    calls,
    respondWith: (...responses: Response[]) => queue.push(...responses),
    /** Answers by the request body (e.g. by recipient) when no queued response is left; null: 200. */
    respondBy: (fn: ((body: string) => Response | undefined) | null) => {
      decide = fn;
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const answer of waiting) answer();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const answer of held ?? []) answer();
        server.close(() => r());
      }),
  };
}
