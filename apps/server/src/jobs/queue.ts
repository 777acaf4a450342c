import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, type Job, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle, Db, Tx } from '../db/client';

type DrizzleTx = Parameters<typeof fromDrizzle>[0];

/** PostgreSQL: how long a running job may go without its worker's heartbeat before it is retried. */
const HEARTBEAT_SECONDS = 10;

export interface JobDefinition<T> {
  name: string;
  /** Runs one job. Throwing retries it (with backoff) until `retryLimit`, then it is failed for good. */
  handler: (data: T, job: Job<T>) => Promise<void>;
  retryLimit?: number;
  /** Seconds before the first retry; doubles each time (with jitter) up to `retryDelayMax`. */
  retryDelay?: number;
  retryDelayMax?: number;
  /** Jobs fetched per poll; handlers of one batch run concurrently up to `concurrency`. */
  batchSize?: number;
  concurrency?: number;
  /** At most this many jobs with the same `key` run at once, across all processes. */
  perKeyConcurrency?: number;
  expireInSeconds?: number;
  /**
   * `stately`: per `singletonKey`, at most one job waiting and one running (a poller's "poll this
   * mailbox" is queued once however often it is asked for). Default: every job sent is kept.
   */
  policy?: 'standard' | 'stately';
  /**
   * A second worker that only takes jobs of at least `minPriority`. A worker fetches its next batch once
   * the whole batch is done, so one slow job (a held provider call) holds back the jobs behind it: this
   * keeps a lane free for the priority ones (agents' replies beside a broadcast's sends).
   */
  reservedWorker?: { minPriority: number; batchSize: number };
}

/**
 * Retries for a provider call made on the side of the inbox (read receipts, profile look-ups): five, from
 * CHARLA_SIDE_CALL_RETRY_SECONDS (5 s) doubling, so a Graph outage of a few minutes is ridden out and a
 * dead one is given up on.
 */
export function sideCallRetry(config: { sideCallRetrySeconds: number }) {
  return { retryLimit: 5, retryDelay: config.sideCallRetrySeconds };
}

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Db | Tx;
  startAfter?: Date | number;
  /** Jobs with the same key are limited by the definition's `perKeyConcurrency`. */
  key?: string;
  singletonKey?: string;
  /** Higher runs first among due jobs of one queue (default 0): bulk sends go below agents' replies. */
  priority?: number;
}

/**
 * The durable job queue (pg-boss on either backend). Everything that must survive a crash runs here:
 * webhook processing, outbound sends, listeners, workflow steps.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private started = false;
  private readonly embedded: boolean;

  constructor(
    handle: DatabaseHandle,
    private readonly log: Logger,
    /** Seconds between two looks for jobs that came due without a notification (CHARLA_JOB_POLL_SECONDS). */
    private readonly pollSeconds = 5,
  ) {
    this.boss =
      handle.kind === 'pglite'
        ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite', useListenNotify: true, schedule: false })
        : new PgBoss({
            connectionString: handle.connectionString!,
            max: 5,
            useListenNotify: true,
            schedule: false,
            // Look for jobs whose worker stopped heartbeating (see HEARTBEAT_SECONDS) every 10 s, not 60.
            superviseIntervalSeconds: 10,
            monitorIntervalSeconds: 10,
          });
    this.embedded = handle.kind === 'pglite';
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  define<T>(def: JobDefinition<T>): void {
    if (this.definitions.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    this.definitions.set(def.name, def as JobDefinition<unknown>);
  }

  /** Creates the queues; call once before sending. Workers start only when `work` is true. */
  async start({ work }: { work: boolean }): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const def of this.definitions.values()) {
      const options = {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelay ?? 2,
        retryBackoff: true,
        retryDelayMax: def.retryDelayMax ?? 600,
        expireInSeconds: def.expireInSeconds ?? 300,
        // PostgreSQL: a job claimed by a process that died (kill -9, OOM) is retried once its heartbeat is
        // HEARTBEAT_SECONDS old, instead of after expireInSeconds. Embedded: see retryOrphans().
        ...(this.embedded ? {} : { heartbeatSeconds: HEARTBEAT_SECONDS }),
        notify: true,
      };
      // A queue keeps the options it was created with: an existing one gets this version's (retry delays
      // changed in code or by CHARLA_SIDE_CALL_RETRY_SECONDS). Its policy cannot change after creation.
      if (await this.boss.getQueue(def.name)) await this.boss.updateQueue(def.name, options);
      else await this.boss.createQueue(def.name, { ...options, ...(def.policy ? { policy: def.policy } : {}) });
    }
    if (work && this.embedded) await this.retryOrphans();
    if (work) for (const def of this.definitions.values()) await this.startWorker(def);
  }

  /**
   * Embedded database: the data-dir lock makes this the only process, so a job still `active` was claimed
   * by a process that died mid-job (kill -9). Retry it now rather than when it expires minutes later.
   */
  private async retryOrphans(): Promise<void> {
    for (const name of this.definitions.keys()) {
      const { rows } = await this.boss
        .getDb()
        .executeSql(`SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'`, [name]);
      const ids = (rows as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) continue;
      await this.boss.fail(name, ids, { message: 'claimed by a process that stopped before finishing it' });
      this.log.warn({ job: name, count: ids.length }, 'retrying jobs left active by a previous process');
    }
  }

  private async startWorker(def: JobDefinition<unknown>): Promise<void> {
    await this.work(def, def.batchSize ?? 20, def.concurrency ?? 10);
    if (def.reservedWorker)
      await this.work(def, def.reservedWorker.batchSize, def.reservedWorker.batchSize, def.reservedWorker.minPriority);
  }

  private async work(def: JobDefinition<unknown>, batchSize: number, concurrency: number, minPriority?: number) {
    await this.boss.work(
      def.name,
      {
        batchSize,
        ...(minPriority !== undefined ? { minPriority } : {}),
        burstWhenBatchFull: true,
        pollingIntervalSeconds: def.perKeyConcurrency ? 0.5 : 1,
        // A job held back by its key is picked up by polling, not by NOTIFY: poll keyed queues often.
        notifyPollingIntervalSeconds: def.perKeyConcurrency ? 0.5 : this.pollSeconds,
        perJobResults: true,
        ...(def.perKeyConcurrency ? { groupConcurrency: def.perKeyConcurrency } : {}),
      },
      async (jobs: Job<unknown>[]) => {
        const results: { id: string; status: 'completed' | 'failed'; output?: object }[] = [];
        let next = 0;
        const runOne = async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            try {
              await def.handler(job.data, job);
              results.push({ id: job.id, status: 'completed' });
            } catch (err) {
              this.log.warn({ err, job: def.name, jobId: job.id }, 'job failed');
              results.push({ id: job.id, status: 'failed', output: { message: (err as Error).message } });
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, runOne));
        return results;
      },
    );
  }

  async send<T extends object>(name: string, data: T, opts: SendOptions = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    await this.boss.send(name, data, {
      ...(opts.tx ? { db: fromDrizzle(opts.tx as unknown as DrizzleTx, sql) } : {}),
      ...(opts.startAfter
        ? { startAfter: opts.startAfter instanceof Date ? opts.startAfter : new Date(opts.startAfter) }
        : {}),
      ...(opts.key ? { group: { id: opts.key } } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.priority ? { priority: opts.priority } : {}),
    });
  }

  /** Enqueues many jobs of one kind in one statement (optionally inside a transaction). */
  async sendMany<T extends object>(name: string, items: { data: T; key?: string }[], tx?: Db | Tx): Promise<void> {
    if (items.length === 0) return;
    await this.boss.insert(
      name,
      items.map((i) => ({ data: i.data, ...(i.key ? { group: { id: i.key } } : {}) })),
      tx ? { db: fromDrizzle(tx as unknown as DrizzleTx, sql) } : undefined,
    );
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 5000, close: true });
  }
}
