import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A loopback HTTP server standing in for an integrator's callback URL. Answers with the queued
 * responses in order, then with 200.
 */
export async function startFakeCallback() {
  const calls: ReceivedCall[] = [];
  const queue: { status: number; body?: string | Buffer; headers?: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      const next = queue.shift() ?? { status: 200, body: JSON.stringify({ id: `ext-${calls.length}` }) };
      res.writeHead(next.status, { 'content-type': 'application/json', ...(next.headers ?? {}) });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    calls,
    respondWith: (...responses: { status: number; body?: string | Buffer; headers?: Record<string, string> }[]) =>
      queue.push(...responses),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
