import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, webhookEvents } from '../src/db/schema';
import { wakeInboundProcessor } from '../src/modules/ingest/processor';
import { factories } from './support/factories';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/** The stored webhook events are the processing queue: what happens to events that cannot be processed. */
describe('inbound processor', () => {
  let rt: TestRuntime;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channel: { id: number };

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    setup = await f.workspace();
    ({ channel } = await f.customChannel(setup.scope, {}));
  });

  afterAll(async () => rt?.close());

  const store = (providerEventId: string, body: string, extra: Partial<typeof webhookEvents.$inferInsert> = {}) =>
    setup.scope
      .insert(webhookEvents, { channelId: channel.id, providerEventId, body, headers: {}, ...extra })
      .returning()
      .then((r) => r[0]!);

  it('gives up at once on an event that can never be parsed, keeping the reason', async () => {
    const event = await store('broken', '{"not":"a custom message"}');
    const failed = await eventually(async () => {
      const [e] = await setup.scope.find(webhookEvents, eq(webhookEvents.id, event.id));
      return e?.failedAt ? e : undefined;
    });
    expect(failed.processedAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatch(/Invalid custom-channel message/);
  });

  it('takes over an event whose worker lease ran out (the worker died) and processes it once', async () => {
    const body = JSON.stringify({ id: 'orphan', sender: { id: 'v1' }, text: 'hola' });
    const event = await store('orphan', body, { claimedUntil: new Date(Date.now() - 1000), attempts: 1 });
    await eventually(async () => (await setup.scope.count(messages, eq(messages.providerMessageId, 'orphan'))) === 1);
    const [done] = await setup.scope.find(webhookEvents, eq(webhookEvents.id, event.id));
    expect(done).toMatchObject({ attempts: 2, claimedUntil: null, failedAt: null });
    expect(done!.processedAt).not.toBeNull();
  });

  it('works off a backlog without shutting out the rest of the process (webhooks, timers)', async () => {
    // On the embedded database every query answers in microtasks: a processor that never let the event
    // loop turn would work off the whole backlog before a socket (a webhook!) or a timer got a look in.
    let processed = 0;
    rt.ctx.events.live('test-backlog-count', ['message.created'], async () => {
      processed++;
    });
    const n = 150;
    await setup.scope.insert(
      webhookEvents,
      Array.from({ length: n }, (_, i) => ({
        channelId: channel.id,
        providerEventId: `backlog-${i}`,
        body: JSON.stringify({ id: `backlog-${i}`, sender: { id: `b${i % 10}` }, text: `m${i}` }),
        headers: {},
      })),
    );
    wakeInboundProcessor(rt.ctx);
    const atFirstTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(processed), 0));
    expect(atFirstTimer).toBeLessThan(n);
    await eventually(async () => processed === n, 30_000);
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, 'backlog-149'))).toBe(1);
  });

  it('leaves an event alone while another worker holds its lease, and while its retry is not due', async () => {
    const body = (id: string) => JSON.stringify({ id, sender: { id: 'v2' }, text: id });
    await store('held', body('held'), { claimedUntil: new Date(Date.now() + 60_000) });
    await store('later', body('later'), { availableAt: new Date(Date.now() + 60_000) });
    await store('now', body('now'));
    await eventually(async () => (await setup.scope.count(messages, eq(messages.providerMessageId, 'now'))) === 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, 'held'))).toBe(0);
    expect(await setup.scope.count(messages, eq(messages.providerMessageId, 'later'))).toBe(0);
  });
});
