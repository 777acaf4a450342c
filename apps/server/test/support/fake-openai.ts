import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; temperature?: number };
}

/** One queued answer: the assistant's text, or an HTTP error (with `Retry-After` seconds for a 429). */
export type FakeAnswer = { content: string } | { status: number; message?: string; retryAfter?: number };

/**
 * A loopback stand-in for an OpenAI-compatible chat API (`POST /v1/chat/completions`), answering in the
 * real wire format: a `chat.completion` object, or `{error: {message, type, code}}` with the status. It
 * records every request, answers queued answers in order and then `fallback(request)`. A request without the
 * expected bearer key gets OpenAI's 401.
 */
export async function startFakeOpenAi(opts: { apiKey?: string } = {}) {
  const requests: ChatRequest[] = [];
  const queue: FakeAnswer[] = [];
  let fallback: (req: ChatRequest) => FakeAnswer = () => ({ content: 'OK' });
  /** While closed, requests are recorded but not answered until it opens (a model still thinking). */
  let gate: Promise<void> | null = null;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      const error = (status: number, message: string, type: string, code: string | null) =>
        send(status, { error: { message, type, param: null, code } });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
        return error(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url');
      const request: ChatRequest = { authorization: req.headers.authorization, body: JSON.parse(raw) };
      requests.push(request);
      if (gate) await gate;
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`)
        return error(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      const answer = queue.shift() ?? fallback(request);
      if ('status' in answer)
        return send(
          answer.status,
          {
            error: {
              message: answer.message ?? 'The server had an error while processing your request.',
              type: answer.status === 429 ? 'requests' : 'server_error',
              param: null,
              code: answer.status === 429 ? 'rate_limit_exceeded' : null,
            },
          },
          answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {},
        );
      const promptTokens = raw.length / 4;
      send(200, {
        id: `chatcmpl-${randomBytes(12).toString('hex')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer.content, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: Math.ceil(promptTokens),
          completion_tokens: Math.ceil(answer.content.length / 4),
          total_tokens: Math.ceil(promptTokens + answer.content.length / 4),
        },
        system_fingerprint: 'fp_fake',
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Answers the next requests with these, in order. */
    answer: (...answers: FakeAnswer[]) => queue.push(...answers),
    /** Holds every answer until the returned function is called. */
    hold: () => {
      let open = () => {};
      gate = new Promise<void>((r) => {
        open = r;
      });
      return () => {
        gate = null;
        open();
      };
    },
    /** What to answer once the queue is empty. */
    otherwise: (fn: (req: ChatRequest) => FakeAnswer) => {
      fallback = fn;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type FakeOpenAi = Awaited<ReturnType<typeof startFakeOpenAi>>;
