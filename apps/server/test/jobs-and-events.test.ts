import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionWithHooks } from '../src/db/after-commit';
import { EventBus } from '../src/events/bus';
import type { EventOf } from '../src/events/types';
import { JobQueue } from '../src/jobs/queue';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

describe('durable jobs and domain events', () => {
  let rt: TestRuntime;
  let jobs: JobQueue;
  let bus: EventBus;
  const attempts = new Map<string, number[]>();
  const ran: { key: string; start: number; end: number }[] = [];
  const delayed: number[] = [];
  const heard: EventOf<'contact.created'>[] = [];
  const heardLive: { e: EventOf<'contact.updated'>; committed: boolean }[] = [];
  let committedNow = false;

  beforeAll(async () => {
    // The runtime's own workers stay off: this file's queue instance owns the jobs.
    rt = await startTestRuntime({}, { work: false });
    // Retries come due without a notification: look for them every second.
    jobs = new JobQueue(rt.ctx.dbh, pino({ level: 'silent' }), 1);
    jobs.define<{ id: string; failTimes: number }>({
      name: 'test.flaky',
      retryLimit: 3,
      retryDelay: 1,
      handler: async ({ id, failTimes }) => {
        const list = attempts.get(id) ?? [];
        list.push(Date.now());
        attempts.set(id, list);
        if (list.length <= failTimes) throw new Error(`failure ${list.length}`);
      },
    });
    jobs.define<{ id: string; failTimes: number }>({
      name: 'test.hopeless',
      retryLimit: 1,
      retryDelay: 1,
      handler: async ({ id }) => {
        attempts.set(id, [...(attempts.get(id) ?? []), Date.now()]);
        throw new Error('always');
      },
    });
    jobs.define<{ at: number }>({ name: 'test.delayed', handler: async () => void delayed.push(Date.now()) });
    jobs.define<{ key: string }>({
      name: 'test.keyed',
      perKeyConcurrency: 1,
      concurrency: 10,
      handler: async ({ key }) => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 150));
        ran.push({ key, start, end: Date.now() });
      },
    });
    bus = new EventBus(jobs);
    bus.on('test-listener', ['contact.created'], async (e) => void heard.push(e));
    bus.live('test-live', ['contact.updated'], async (e) => void heardLive.push({ e, committed: committedNow }));
    await jobs.start({ work: true });
  });

  afterAll(async () => {
    await jobs?.stop();
    await rt?.close();
  });

  it('retries a failing job with growing delays until it succeeds', async () => {
    await jobs.send('test.flaky', { id: 'a', failTimes: 2 });
    const list = await eventually(
      async () => ((attempts.get('a')?.length ?? 0) >= 3 ? attempts.get('a') : undefined),
      30_000,
    );
    expect(list).toHaveLength(3);
    const gap1 = list[1]! - list[0]!;
    expect(gap1).toBeGreaterThanOrEqual(500);
  });

  it('gives up after retryLimit retries', async () => {
    await jobs.send('test.hopeless', { id: 'b', failTimes: 99 });
    // Failed for good: the queue holds no retry to come.
    await eventually(async () => {
      const { rows } = await jobs.boss.getDb().executeSql(`select state from pgboss.job where name = 'test.hopeless'`);
      return (rows as { state: string }[])[0]?.state === 'failed';
    }, 30_000);
    expect(attempts.get('b')).toHaveLength(2);
  });

  it('runs a delayed job no earlier than asked', async () => {
    const sentAt = Date.now();
    await jobs.send('test.delayed', { at: sentAt }, { startAfter: sentAt + 1500 });
    const [at] = await eventually(async () => (delayed.length ? delayed : undefined));
    expect(at! - sentAt).toBeGreaterThanOrEqual(1400);
  });

  it('runs at most one job per key at a time, different keys in parallel', async () => {
    await jobs.sendMany('test.keyed', [
      { data: { key: 'k1' }, key: 'k1' },
      { data: { key: 'k1' }, key: 'k1' },
      { data: { key: 'k1' }, key: 'k1' },
      { data: { key: 'k2' }, key: 'k2' },
    ]);
    await eventually(async () => ran.length >= 4, 30_000);
    const k1 = ran.filter((r) => r.key === 'k1').sort((a, b) => a.start - b.start);
    for (let i = 1; i < k1.length; i++) expect(k1[i]!.start).toBeGreaterThanOrEqual(k1[i - 1]!.end);
  });

  it('delivers an event emitted in a committed transaction to its listener as a job', async () => {
    await rt.ctx.db.transaction(async (tx) => bus.emit(tx, 7, 'contact.created', { contactId: 1001 }));
    const e = await eventually(async () => heard.find((h) => h.data.contactId === 1001));
    expect(e).toMatchObject({ type: 'contact.created', workspaceId: 7 });
  });

  it('drops the jobs of an event whose transaction rolled back', async () => {
    await rt.ctx.db
      .transaction(async (tx) => {
        await bus.emit(tx, 7, 'contact.created', { contactId: 2002 });
        throw new Error('rollback');
      })
      .catch(() => {});
    await rt.ctx.db.transaction(async (tx) => bus.emit(tx, 7, 'contact.created', { contactId: 2003 }));
    await eventually(async () => heard.find((h) => h.data.contactId === 2003));
    await new Promise((r) => setTimeout(r, 500));
    expect(heard.find((h) => h.data.contactId === 2002)).toBeUndefined();
  });

  it('runs a live listener in-process only after the transaction commits, and never for a rollback', async () => {
    await transactionWithHooks(rt.ctx.db, async (tx) => {
      await bus.emit(tx, 7, 'contact.updated', { contactId: 3001 });
      await new Promise((r) => setTimeout(r, 100));
      expect(heardLive).toHaveLength(0); // not before the commit
      committedNow = true;
    });
    const [first] = await eventually(async () => (heardLive.length ? heardLive : undefined));
    expect(first).toMatchObject({ e: { type: 'contact.updated', data: { contactId: 3001 } }, committed: true });

    await transactionWithHooks(rt.ctx.db, async (tx) => {
      await bus.emit(tx, 7, 'contact.updated', { contactId: 3002 });
      throw new Error('rollback');
    }).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    expect(heardLive.find((h) => h.e.data.contactId === 3002)).toBeUndefined();
  });

  it('falls back to a durable job for a live listener when the transaction has no commit hooks', async () => {
    await rt.ctx.db.transaction(async (tx) => bus.emit(tx, 7, 'contact.updated', { contactId: 3003 }));
    await eventually(async () => heardLive.find((h) => h.e.data.contactId === 3003));
  });

  it('gives a queue that already exists the options of the version that starts', async () => {
    // A later release (or CHARLA_SIDE_CALL_RETRY_SECONDS) changes a job's retry delay: the queue, created
    // with the old one, must not keep it.
    const next = new JobQueue(rt.ctx.dbh, pino({ level: 'silent' }));
    next.define({ name: 'test.flaky', retryLimit: 7, retryDelay: 9, handler: async () => {} });
    try {
      await next.start({ work: false });
      expect(await next.boss.getQueue('test.flaky')).toMatchObject({ retryLimit: 7, retryDelay: 9 });
    } finally {
      await next.stop();
    }
  });
});
