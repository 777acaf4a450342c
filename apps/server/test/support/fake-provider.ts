import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderCall {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: number;
  /** What the fake answered. */
  status?: number;
}

export interface ProviderResponse {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

type Handler = (call: ProviderCall) => ProviderResponse;

/**
 * A loopback stand-in for a provider's API (Telegram, Twilio, Vonage, MessageBird). Routes answer by
 * method and path pattern; `queue` scripts one-shot answers (errors) ahead of a route's usual answer.
 * Every request is recorded with its raw body so tests compare it with the provider's fixtures.
 */
export async function startFakeProvider() {
  const calls: ProviderCall[] = [];
  const routes: { method: string; path: RegExp; handler: Handler }[] = [];
  const queued: { method: string; path: RegExp; response: ProviderResponse }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call: ProviderCall = {
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      calls.push(call);
      const pathOnly = call.path.split('?')[0]!;
      const matches = (r: { method: string; path: RegExp }) => r.method === call.method && r.path.test(pathOnly);
      const q = queued.findIndex(matches);
      const route = routes.find(matches);
      const answer =
        q >= 0 ? queued.splice(q, 1)[0]!.response : route ? route.handler(call) : { status: 404, body: 'no route' };
      call.status = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    on(method: string, path: RegExp, handler: Handler) {
      routes.unshift({ method, path, handler });
    },
    queue(method: string, path: RegExp, ...responses: ProviderResponse[]) {
      for (const response of responses) queued.push({ method, path, response });
    },
    callsTo: (path: RegExp) => calls.filter((c) => path.test(c.path.split('?')[0]!)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeProvider = Awaited<ReturnType<typeof startFakeProvider>>;
