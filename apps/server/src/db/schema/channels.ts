import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { workspaces } from './tenancy';

export const channels = pgTable(
  'channels',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    name: text('name').notNull(),
    /** AES-256-GCM ciphertext of the channel's JSON configuration (credentials included). */
    configEncrypted: text('config_encrypted').notNull(),
    status: text('status', { enum: ['active', 'disabled', 'error'] })
      .notNull()
      .default('active'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('channels_ws_idx').on(t.workspaceId)],
);

/**
 * Raw provider events, stored verbatim after signature verification and before processing.
 * The unique key makes provider retries a no-op.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: ref('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    providerEventId: text('provider_event_id').notNull(),
    contentType: text('content_type'),
    body: text('body').notNull(),
    query: text('query'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    receivedAt: createdAt(),
    processedAt: ts('processed_at'),
    error: text('error'),
    /** Processing attempts so far (counted when claimed, so a crash-looping event runs out too). */
    attempts: integer('attempts').notNull().default(0),
    /** Not processed before this time (retry backoff). */
    availableAt: ts('available_at').notNull().defaultNow(),
    /** A worker holds the event until then; after that another may take it (its worker died). */
    claimedUntil: ts('claimed_until'),
    /** Given up on: out of attempts, or a permanent error (see `error`). */
    failedAt: ts('failed_at'),
  },
  (t) => [
    uniqueIndex('webhook_events_provider_uq').on(t.channelId, t.providerEventId),
    index('webhook_events_ws_idx').on(t.workspaceId, t.id),
    index('webhook_events_pending_idx').on(t.id).where(sql`${t.processedAt} is null and ${t.failedAt} is null`),
  ],
);

/**
 * Where the IMAP poller of an email channel stands in its mailbox: the UIDVALIDITY it read and the
 * highest UID already stored as a raw event. A changed UIDVALIDITY voids `lastUid` (full resync; the
 * raw events are unique by Message-ID, so nothing is stored twice).
 */
export const emailMailboxes = pgTable(
  'email_mailboxes',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: ref('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    mailbox: text('mailbox').notNull().default('INBOX'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    lastPolledAt: ts('last_polled_at'),
    /** A poll holds the mailbox until then (one poll at a time per mailbox, across processes). */
    pollingUntil: ts('polling_until'),
    /** The last poll's failure (login refused, server unreachable), cleared by a good poll. */
    lastError: text('last_error'),
    /**
     * The worker process whose IMAP IDLE connection watches the mailbox, until `idle_until` (renewed while
     * it runs): one watcher per mailbox across processes.
     */
    idleHolder: text('idle_holder'),
    idleUntil: ts('idle_until'),
  },
  (t) => [
    uniqueIndex('email_mailboxes_channel_uq').on(t.channelId, t.mailbox),
    index('email_mailboxes_ws_idx').on(t.workspaceId),
  ],
);
