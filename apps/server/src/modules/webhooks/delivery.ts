import { performance } from 'node:perf_hooks';
import { and, asc, eq } from 'drizzle-orm';
import { Agent, request } from 'undici';
import type { Ctx } from '../../context';
import type { Db, Tx } from '../../db/client';
import { Scope } from '../../db/scope';
import { contacts, webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../../db/schema';
import { survivingContact } from '../identity/identifiers';
import { activeWebhookWorkspaces } from './active-workspaces';
import { SOURCE_EVENTS } from './events';
import { webhookPayload } from './payload';
import { signatureHeader } from './signing';
import { blockedLiteral, guardedLookup } from './target';

export const DELIVER_JOB = 'webhook.deliver';
/** Failed deliveries are retried for this long (then marked failed and the contact's queue moves on). */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const MAX_BACKOFF_MS = 3_600_000;
/**
 * A delivery waits this long after its event before it goes out, so that the listener jobs of a
 * contact's earlier events (which run concurrently) have stored theirs: deliveries go out in event order.
 */
const SETTLE_MS = 1_000;

export interface DeliverJob {
  workspaceId: number;
  subscriptionId: number;
  contactId: number;
}

const keyOf = (j: DeliverJob) => `webhook:${j.subscriptionId}:${j.contactId}`;

/** Queues a drain of one subscription's queue for one contact (inside `tx` when given). */
export function kick(ctx: Ctx, job: DeliverJob, opts: { tx?: Db | Tx; at?: Date } = {}) {
  return ctx.jobs.send(DELIVER_JOB, job, {
    tx: opts.tx,
    key: keyOf(job),
    ...(opts.at ? { startAfter: opts.at, singletonKey: `${keyOf(job)}:${Math.ceil(opts.at.getTime() / 1000)}` } : {}),
  });
}

/** Exponential backoff with jitter: base, 2×base, 4×base… up to an hour. */
export function backoffMs(baseSeconds: number, attempts: number): number {
  const ms = Math.min(baseSeconds * 1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
  return ms * (0.8 + Math.random() * 0.4);
}

/**
 * Turns domain events into deliveries: one row per subscribed webhook (idempotent on the event id) and a
 * drain job per subscription and contact, in the listener's transaction.
 */
export function registerWebhookListener(ctx: Ctx) {
  const active = activeWebhookWorkspaces(ctx);
  ctx.events.on(
    'webhooks.enqueue',
    [...SOURCE_EVENTS],
    async (event) => {
      const scope = new Scope(ctx.db, event.workspaceId);
      const subs = await scope.find(webhookSubscriptions, eq(webhookSubscriptions.enabled, true));
      if (subs.length === 0) return;
      const payload = await webhookPayload(scope, event);
      if (!payload) return;
      const targets = subs.filter((s) => s.events.includes(payload.name));
      if (targets.length === 0) return;
      await scope.transaction(async (tx, rawTx) => {
        const rows = await tx
          .insert(
            webhookDeliveries,
            targets.map((s) => ({
              subscriptionId: s.id,
              contactId: payload.contactId,
              eventId: payload.id,
              event: payload.name,
              eventAt: new Date(event.at),
              body: payload.body,
            })),
          )
          .onConflictDoNothing()
          .returning({ subscriptionId: webhookDeliveries.subscriptionId });
        for (const r of rows) {
          await kick(
            ctx,
            { workspaceId: event.workspaceId, subscriptionId: r.subscriptionId, contactId: payload.contactId },
            { tx: rawTx },
          );
        }
      });
    },
    { when: (workspaceId) => active.has(workspaceId) },
  );

  ctx.jobs.define<DeliverJob>({
    name: DELIVER_JOB,
    batchSize: 20,
    concurrency: 10,
    perKeyConcurrency: 1,
    retryLimit: 10,
    handler: (job) => drain(ctx, job),
  });
}

const agents = new Map<string, Agent>();
function agentFor(allowHosts: string[]): Agent {
  const key = allowHosts.join(',');
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allowHosts) as never } });
    agents.set(key, agent);
  }
  return agent;
}

/** One POST of a delivery: the status code (or the error) and how long it took. */
async function post(ctx: Ctx, url: string, secret: string, d: typeof webhookDeliveries.$inferSelect) {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null) => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  if (blockedLiteral(url, ctx.config.webhookAllowHosts)) return done(null, 'blocked_target: private address');
  try {
    const res = await request(url, {
      method: 'POST',
      body: d.body,
      dispatcher: agentFor(ctx.config.webhookAllowHosts),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Charla-Webhooks/1',
        'x-charla-event': d.event,
        'x-charla-event-id': d.eventId,
        'x-charla-signature': signatureHeader(secret, d.body),
      },
    });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return done(res.statusCode, ok ? null : `HTTP ${res.statusCode}`);
  } catch (err) {
    return done(null, (err as Error).message.slice(0, 500));
  }
}

/**
 * A merge moved the contact's queued deliveries into the kept contact's queue (`moveDeliveriesOnMerge`),
 * which may have no job of its own yet: this queue's next job, finding nothing, starts that one.
 */
async function handOverIfMerged(ctx: Ctx, scope: Scope, job: DeliverJob) {
  const contact = await scope.first(contacts, eq(contacts.id, job.contactId));
  if (!contact?.mergedIntoId) return;
  const survivor = await survivingContact(scope, contact.id);
  if (survivor) await kick(ctx, { ...job, contactId: survivor.id });
}

/**
 * Delivers one subscription's pending deliveries for one contact, oldest event first, one at a time: a
 * failure stops the queue until its retry (so later events never overtake it), and a delivery still
 * failing after RETRY_WINDOW_MS is marked failed so the queue moves on.
 */
async function drain(ctx: Ctx, job: DeliverJob): Promise<void> {
  const scope = new Scope(ctx.db, job.workspaceId);
  const sub = await scope.first(webhookSubscriptions, eq(webhookSubscriptions.id, job.subscriptionId));
  if (!sub?.enabled) return; // deleted, or paused: re-enabling kicks the queues again
  const secret = ctx.secrets.open(sub.secretSealed);
  for (let sent = 0; sent < 50; sent++) {
    const [head] = await scope
      .find(
        webhookDeliveries,
        and(
          eq(webhookDeliveries.subscriptionId, sub.id),
          eq(webhookDeliveries.contactId, job.contactId),
          eq(webhookDeliveries.status, 'pending'),
        ),
      )
      .orderBy(asc(webhookDeliveries.eventAt), asc(webhookDeliveries.id))
      .limit(1);
    if (!head) return void (await handOverIfMerged(ctx, scope, job));
    const due = Math.max(head.nextAttemptAt.getTime(), head.eventAt.getTime() + SETTLE_MS);
    if (due > Date.now()) return void (await kick(ctx, job, { at: new Date(due) }));
    const result = await post(ctx, sub.url, secret, head);
    const attempts = head.attempts + 1;
    const now = new Date();
    const delivered = result.error === null;
    const givenUp = !delivered && now.getTime() - head.createdAt.getTime() >= RETRY_WINDOW_MS;
    await scope.transaction(async (tx) => {
      await tx.insert(webhookAttempts, { deliveryId: head.id, attempt: attempts, ...result });
      await tx.update(
        webhookDeliveries,
        {
          attempts,
          status: delivered ? 'delivered' : givenUp ? 'failed' : 'pending',
          lastStatusCode: result.statusCode,
          lastDurationMs: result.durationMs,
          lastError: result.error,
          deliveredAt: delivered ? now : null,
          nextAttemptAt: new Date(
            now.getTime() + (delivered || givenUp ? 0 : backoffMs(ctx.config.webhookRetryBaseSeconds, attempts)),
          ),
        },
        eq(webhookDeliveries.id, head.id),
      );
    });
  }
  await kick(ctx, job);
}
