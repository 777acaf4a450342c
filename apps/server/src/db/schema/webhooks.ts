import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { users, workspaces } from './tenancy';

/** Settings → Integrations → Webhooks: a URL subscribed to some events, signed with its own secret. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    /** The HMAC-SHA256 signing secret, sealed with CHARLA_SECRET_KEY; shown once when created. */
    secretSealed: text('secret_sealed').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_subscriptions_ws_idx').on(t.workspaceId)],
);

/**
 * One event to deliver to one subscription, with the body as it is sent (so every retry and a manual
 * redeliver send the same bytes but for the signature's timestamp). Deliveries of one subscription and one
 * contact go out one at a time, oldest event first (`event_at`, then id).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subscriptionId: ref('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The ordering key: the contact the event is about (0 for events about no contact). */
    contactId: ref('contact_id').notNull(),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    eventAt: ts('event_at').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    lastError: text('last_error'),
    /** A manual redeliver of this delivery (the same event again). */
    redeliveryOf: ref('redelivery_of'),
    deliveredAt: ts('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.subscriptionId, t.eventId).where(sql`${t.redeliveryOf} is null`),
    index('webhook_deliveries_queue_idx')
      .on(t.subscriptionId, t.contactId, t.eventAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.subscriptionId, t.id),
  ],
);

/** Every attempt of a delivery: what the delivery log shows. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    deliveryId: ref('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
