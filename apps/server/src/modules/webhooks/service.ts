import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../../db/schema';
import { notFound } from '../../http/errors';
import { randomToken } from '../../lib/crypto';
import { audit } from '../audit/service';
import { activeWebhookWorkspaces } from './active-workspaces';
import { kick } from './delivery';
import { assertWebhookTarget } from './target';

type Subscription = typeof webhookSubscriptions.$inferSelect;

const serialize = (s: Subscription) => ({
  id: s.id,
  url: s.url,
  events: s.events,
  enabled: s.enabled,
  createdAt: s.createdAt.toISOString(),
});

export async function listWebhooks(scope: Scope) {
  return (await scope.find(webhookSubscriptions).orderBy(desc(webhookSubscriptions.id))).map(serialize);
}

/** Subscribes a URL; the signing secret is returned once. */
export async function createWebhook(
  ctx: Ctx,
  scope: Scope,
  actorUserId: number,
  input: { url: string; events: string[] },
) {
  await assertWebhookTarget(input.url, ctx.config.webhookAllowHosts);
  const secret = `whsec_${randomToken(24)}`;
  const [row] = await scope
    .insert(webhookSubscriptions, {
      url: input.url,
      events: [...new Set(input.events)],
      secretSealed: ctx.secrets.seal(secret),
      createdBy: actorUserId,
    })
    .returning();
  activeWebhookWorkspaces(ctx).add(scope.workspaceId);
  await audit(scope, actorUserId, 'webhook.created', { webhookId: row!.id, url: input.url });
  return { ...serialize(row!), secret };
}

export async function updateWebhook(
  ctx: Ctx,
  scope: Scope,
  id: number,
  input: { url?: string; events?: string[]; enabled?: boolean },
) {
  if (input.url !== undefined) await assertWebhookTarget(input.url, ctx.config.webhookAllowHosts);
  const [row] = await scope
    .update(
      webhookSubscriptions,
      { ...input, ...(input.events ? { events: [...new Set(input.events)] } : {}) },
      eq(webhookSubscriptions.id, id),
    )
    .returning();
  if (!row) throw notFound('Webhook');
  if (row.enabled) {
    activeWebhookWorkspaces(ctx).add(scope.workspaceId);
    // Deliveries held while it was paused (or on a failing URL) go out now.
    const pending = await scope.unscopedDb
      .selectDistinct({ contactId: webhookDeliveries.contactId })
      .from(webhookDeliveries)
      .where(
        scope.where(
          webhookDeliveries,
          eq(webhookDeliveries.subscriptionId, id),
          eq(webhookDeliveries.status, 'pending'),
        ),
      );
    for (const p of pending)
      await kick(ctx, { workspaceId: scope.workspaceId, subscriptionId: id, contactId: p.contactId });
  }
  return serialize(row);
}

export async function deleteWebhook(scope: Scope, actorUserId: number, id: number) {
  const [row] = await scope.delete(webhookSubscriptions, eq(webhookSubscriptions.id, id)).returning();
  if (!row) throw notFound('Webhook');
  await audit(scope, actorUserId, 'webhook.deleted', { webhookId: id, url: row.url });
}

async function subscription(scope: Scope, id: number) {
  const sub = await scope.first(webhookSubscriptions, eq(webhookSubscriptions.id, id));
  if (!sub) throw notFound('Webhook');
  return sub;
}

/** The delivery log: the newest deliveries with every attempt (status, response code, duration). */
export async function listDeliveries(scope: Scope, id: number, limit = 50) {
  await subscription(scope, id);
  const rows = await scope
    .find(webhookDeliveries, eq(webhookDeliveries.subscriptionId, id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await scope.find(
        webhookAttempts,
        inArray(
          webhookAttempts.deliveryId,
          rows.map((r) => r.id),
        ),
      )
    : [];
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    event: d.event,
    contactId: d.contactId || null,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastDurationMs: d.lastDurationMs,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    redeliveryOf: d.redeliveryOf,
    createdAt: d.createdAt.toISOString(),
    log: attempts
      .filter((a) => a.deliveryId === d.id)
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => ({
        attempt: a.attempt,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
        at: a.createdAt.toISOString(),
      })),
  }));
}

/** Sends a delivery's event again, as a new delivery at the end of the contact's queue (same event id). */
export async function redeliver(ctx: Ctx, scope: Scope, webhookId: number, deliveryId: number) {
  await subscription(scope, webhookId);
  const original = await scope.first(
    webhookDeliveries,
    and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, webhookId)),
  );
  if (!original) throw notFound('Delivery');
  return scope.transaction(async (tx, rawTx) => {
    const [row] = await tx
      .insert(webhookDeliveries, {
        subscriptionId: webhookId,
        contactId: original.contactId,
        eventId: original.eventId,
        event: original.event,
        eventAt: new Date(),
        body: original.body,
        redeliveryOf: original.id,
      })
      .returning({ id: webhookDeliveries.id });
    await kick(
      ctx,
      { workspaceId: scope.workspaceId, subscriptionId: webhookId, contactId: original.contactId },
      { tx: rawTx },
    );
    return { id: row!.id };
  });
}
