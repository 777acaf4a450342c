import { performance } from 'node:perf_hooks';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { webhookEvents } from '../../db/schema';
import { AppError } from '../../http/errors';
import { processEvent, type WebhookEventRow } from './process-event';

/** Attempts before an event is given up on (about 40 minutes of backoff). */
export const MAX_EVENT_ATTEMPTS = 10;
/** How long a worker holds the events it claimed; a crashed worker's events are retried after this. */
const LEASE_SECONDS = 15;

const processors = new WeakMap<Ctx, InboundProcessor>();
const webhooksInFlight = new WeakMap<Ctx, { count: number; lastAt: number }>();

/** Tells this process's processor that an event was stored (no-op in a `--no-worker` process). */
export function wakeInboundProcessor(ctx: Ctx): void {
  processors.get(ctx)?.wake();
}

/** Counts a webhook request being acknowledged, so an embedded processor can give way to it. */
export async function trackWebhook<T>(ctx: Ctx, handle: () => Promise<T>): Promise<T> {
  const load = webhooksInFlight.get(ctx) ?? { count: 0, lastAt: 0 };
  webhooksInFlight.set(ctx, load);
  load.count++;
  load.lastAt = Date.now();
  try {
    return await handle();
  } finally {
    load.count--;
    load.lastAt = Date.now();
  }
}

/** Webhooks seen this recently mean the embedded database is under load… */
const LOAD_WINDOW_MS = 50;
/** …and then processing rests this many times as long as its last event took (at most ~40 % of the thread)… */
const REST_FACTOR = 1.5;
/** …and waits for the acknowledgements in flight, but never longer than this, so it still advances. */
const MAX_YIELD_MS = 250;

/**
 * The stored webhook events are the queue (a transactional inbox): the webhook route only inserts the
 * raw event, which is all an acknowledgement has to wait for, and workers claim pending events in
 * batches (`FOR UPDATE SKIP LOCKED`, so several processes can share the work) and process each one in
 * its own transaction. A worker's claim is a lease: if it dies, its events become pending again.
 */
export class InboundProcessor {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  /** How long the last event took to process: the embedded processor rests in proportion to it. */
  private lastMs = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly opts = {
      batchSize: 100,
      concurrency: ctx.dbh.kind === 'pglite' ? 1 : ctx.config.inboundConcurrency,
      // Other processes' events are found by polling (this process's are woken directly).
      idlePollMs: ctx.dbh.kind === 'pglite' ? 1000 : 250,
    },
  ) {}

  async start(): Promise<void> {
    processors.set(this.ctx, this);
    // Embedded: the data-dir lock makes this the only process, so any lease is a dead process's.
    if (this.ctx.dbh.kind === 'pglite')
      await this.ctx.db.update(webhookEvents).set({ claimedUntil: null }).where(isNull(webhookEvents.processedAt));
    this.loop = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    processors.delete(this.ctx);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let claimed = 0;
      try {
        claimed = await this.runBatch();
      } catch (err) {
        this.ctx.log.error({ err }, 'inbound processing: could not claim events');
      }
      if (claimed < this.opts.batchSize && !this.woken && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.opts.idlePollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Claims up to a batch of due events and processes them; returns how many it claimed. */
  async runBatch(): Promise<number> {
    const events = await this.claim();
    let next = 0;
    const worker = async () => {
      while (next < events.length) {
        if (this.ctx.dbh.kind === 'pglite') await this.giveWayToWebhooks(this.lastMs);
        const event = events[next++]!;
        const started = performance.now();
        try {
          await processEvent(this.ctx, event);
        } catch (err) {
          await this.recordFailure(event, err).catch((e) =>
            this.ctx.log.error({ err: e, eventId: event.id }, 'could not record an inbound failure'),
          );
        }
        this.lastMs = performance.now() - started;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, events.length) }, worker));
    return events.length;
  }

  /**
   * Embedded database: queries run on this thread, one at a time, and a processing transaction holds the
   * database until it commits, so processing competes with the acknowledgements the providers are waiting
   * for. Acks go first (the events are safe once stored, and processing catches up after a burst): while
   * webhooks are arriving, processing takes at most about 40 % of the thread — after an event that took
   * `lastMs` it rests 1.5 times as long — and lets the requests in flight finish first; a bounded wait
   * keeps it going under sustained load. With no webhooks arriving it runs flat out.
   */
  private async giveWayToWebhooks(lastMs: number): Promise<void> {
    // PGlite answers in microtasks: without a turn of the event loop here, a backlog would be worked off
    // without ever reading a socket, so no webhook could even be received (let alone acknowledged) meanwhile.
    await new Promise((r) => setImmediate(r));
    const load = webhooksInFlight.get(this.ctx);
    if (!load) return;
    const underLoad = () => load.count > 0 || Date.now() - load.lastAt < LOAD_WINDOW_MS;
    if (!underLoad()) return;
    const start = Date.now();
    const rest = Math.min(MAX_YIELD_MS, lastMs * REST_FACTOR);
    const until = start + MAX_YIELD_MS;
    const wait = () => new Promise((r) => setTimeout(r, 1));
    while (Date.now() - start < rest && underLoad() && !this.stopped) await wait();
    while (load.count > 0 && Date.now() < until && !this.stopped) await wait();
  }

  private async claim(): Promise<WebhookEventRow[]> {
    const now = sql`now()`;
    const due = this.ctx.db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(
        and(
          isNull(webhookEvents.processedAt),
          isNull(webhookEvents.failedAt),
          lte(webhookEvents.availableAt, now),
          or(isNull(webhookEvents.claimedUntil), lte(webhookEvents.claimedUntil, now)),
        ),
      )
      .orderBy(asc(webhookEvents.id))
      .limit(this.opts.batchSize)
      .for('update', { skipLocked: true });
    const rows = await this.ctx.db
      .update(webhookEvents)
      .set({
        claimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        attempts: sql`${webhookEvents.attempts} + 1`,
      })
      .where(inArray(webhookEvents.id, due))
      .returning();
    return rows.sort((a, b) => a.id - b.id);
  }

  /**
   * A failed event is retried with backoff; a permanent error (the payload can never be parsed) or the
   * last attempt marks it failed, keeping the reason for whoever looks at it.
   */
  private async recordFailure(event: WebhookEventRow, err: unknown): Promise<void> {
    const permanent = err instanceof AppError && err.kind === 'invalid';
    const giveUp = permanent || event.attempts >= MAX_EVENT_ATTEMPTS;
    const delay = Math.min(2 ** event.attempts, 600);
    this.ctx.log.warn({ err, eventId: event.id, attempt: event.attempts, giveUp }, 'inbound event failed');
    await this.ctx.db
      .update(webhookEvents)
      .set({
        error: String((err as Error)?.message ?? err).slice(0, 1000),
        claimedUntil: null,
        availableAt: sql`now() + make_interval(secs => ${delay})`,
        ...(giveUp ? { failedAt: new Date() } : {}),
      })
      .where(eq(webhookEvents.id, event.id));
  }
}
