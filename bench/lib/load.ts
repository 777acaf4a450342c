import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';

export interface Target {
  url: string;
  channelId: number;
  secret: string;
}

export interface StepResult {
  rate: number;
  sent: number;
  acked: number;
  /** Acks per second over the step (its nominal duration, or longer when the server fell behind). */
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  /** Non-200 answers by status, and transport errors by message. */
  errors: Map<string, number>;
  /** How far behind schedule the generator had to start requests (all connections busy), worst case. */
  maxLag: number;
  elapsed: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One webhook request of a step, built (and signed) before the step so signing does not pace the generator. */
export interface PreparedRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Builds a step's `count` requests; `i % senders` picks the sender. */
export type RequestBuilder = (prefix: string, count: number, senders: number) => PreparedRequest[];

/** Signed custom-channel webhook bodies (the default). */
const customChannelRequests =
  (target: Target): RequestBuilder =>
  (prefix, count, senders) =>
    Array.from({ length: count }, (_, i) => {
      const body = JSON.stringify({
        id: `${prefix}-${i}`,
        sender: { id: `bench-${i % senders}`, name: `Bench ${i % senders}` },
        text: `bench message ${prefix}-${i}`,
      });
      const sig = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
      return {
        path: `/webhooks/custom/${target.channelId}`,
        body,
        headers: { 'content-type': 'application/json', 'x-charla-signature': sig },
      };
    });

/**
 * Open-loop load: request i is due at start + i/rate whatever happened to earlier ones, with at most
 * `maxInFlight` requests outstanding (a due request waits for a free slot). Latency is measured from the
 * moment a request was due, so a server that falls behind shows it instead of silently slowing the
 * generator down (no coordinated omission). Bounded: `rate * seconds` requests, each with a 30 s timeout.
 */
export async function runStep(
  pool: Pool,
  target: Target,
  opts: { rate: number; seconds: number; maxInFlight: number; senders: number; prefix: string },
  build: RequestBuilder = customChannelRequests(target),
): Promise<StepResult> {
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const reqs = build(opts.prefix, total, opts.senders);
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const bump = (k: string) => errors.set(k, (errors.get(k) ?? 0) + 1);
  const interval = 1000 / opts.rate;
  const start = performance.now() + 20;
  let next = 0;
  let inFlight = 0;
  let done = 0;
  let maxLag = 0;
  let lastAck = start;

  return new Promise<StepResult>((resolve) => {
    const finish = () => {
      latencies.sort((a, b) => a - b);
      const elapsed = Math.max(opts.seconds * 1000, lastAck - start);
      resolve({
        rate: opts.rate,
        sent: total,
        acked: latencies.length,
        achieved: (latencies.length * 1000) / elapsed,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? Number.NaN,
        errors,
        maxLag,
        elapsed,
      });
    };
    const fire = (i: number) => {
      const due = start + i * interval;
      maxLag = Math.max(maxLag, performance.now() - due);
      inFlight++;
      const r = reqs[i]!;
      pool
        .request({
          path: r.path,
          method: 'POST',
          headers: r.headers,
          body: r.body,
          headersTimeout: 30_000,
          bodyTimeout: 30_000,
        })
        .then(async (res) => {
          await res.body.dump();
          const now = performance.now();
          if (res.statusCode === 200) {
            latencies.push(now - due);
            lastAck = Math.max(lastAck, now);
          } else bump(`HTTP ${res.statusCode}`);
        })
        .catch((err: Error) => bump((err as { code?: string }).code ?? err.message))
        .finally(() => {
          inFlight--;
          done++;
          if (done === total) finish();
          else pump();
        });
    };
    let timer: NodeJS.Timeout | undefined;
    const pump = () => {
      const now = performance.now();
      while (next < total && inFlight < opts.maxInFlight && start + next * interval <= now) fire(next++);
      if (next < total && !timer) {
        const wait = Math.max(0, start + next * interval - performance.now());
        timer = setTimeout(
          () => {
            timer = undefined;
            pump();
          },
          Math.min(wait, 5),
        );
      }
    };
    pump();
  });
}
