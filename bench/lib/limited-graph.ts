import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const VERSION = 'v21.0';

/**
 * A loopback stand-in for the Graph API that enforces a WhatsApp number's throughput like Meta says it
 * does: more than `limit` sends to `/{phone-number-id}/messages` within any 1 s (sliding window) are
 * refused with error 130429 ("Rate limit hit"). It also answers the credential check (`GET /{id}?fields=id`)
 * so a real channel can be created against it. Counts what it accepted and refused.
 */
export async function startLimitedGraph(limit: number) {
  let window: number[] = [];
  const stats = { accepted: 0, refused: 0, first: 0, last: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const [, version, id, edge] = url.pathname.split('/');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (version !== VERSION || !id) return send(404, { error: { message: 'Unknown path', code: 100 } });
      if (req.method === 'GET' && !edge) return send(200, { id });
      if (req.method !== 'POST' || edge !== 'messages')
        return send(400, { error: { message: 'Unsupported', code: 100 } });
      const now = performance.now();
      window = window.filter((t) => t > now - 1000);
      if (window.length >= limit) {
        stats.refused++;
        return send(400, { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429 } });
      }
      window.push(now);
      stats.accepted++;
      stats.first ||= now;
      stats.last = now;
      send(200, { messaging_product: 'whatsapp', messages: [{ id: `wamid.BENCH${stats.accepted}` }] });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBaseUrl: `${base}/${VERSION}`,
    stats,
    /** Starts a new measurement (the sliding window and the counts). */
    reset(newLimit = limit) {
      limit = newLimit;
      window = [];
      Object.assign(stats, { accepted: 0, refused: 0, first: 0, last: 0 });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
