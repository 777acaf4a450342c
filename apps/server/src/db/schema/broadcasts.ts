import type { BroadcastContent, BroadcastStatus, RecipientStatus } from '@charla/contracts/broadcasts';
import { BROADCAST_STATUSES, RECIPIENT_STATUSES } from '@charla/contracts/broadcasts';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id, ref, ts } from './columns';
import { contacts } from './contacts';
import { messages } from './conversations';
import { segments } from './segments';
import { users, workspaces } from './tenancy';

/**
 * A broadcast (modules/broadcasts/): one content to the contacts of a segment (or all contacts) on one
 * channel. `allContacts` is explicit so that a deleted segment (`segmentId` set null) never widens the
 * audience to everyone.
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    channelId: ref('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    segmentId: ref('segment_id').references(() => segments.id, { onDelete: 'set null' }),
    allContacts: boolean('all_contacts').notNull().default(false),
    content: jsonb('content').$type<BroadcastContent>().notNull(),
    /** The wall-clock time and zone the user chose, and the instant they name. */
    scheduleLocal: text('schedule_local'),
    scheduleTimeZone: text('schedule_time_zone'),
    scheduledAt: ts('scheduled_at'),
    status: text('status', { enum: BROADCAST_STATUSES }).$type<BroadcastStatus>().notNull().default('draft'),
    /** Why the whole broadcast failed (its channel was removed…); recipients' reasons are on their rows. */
    failureReason: text('failure_reason'),
    /** The audience's size when it was taken (skipped recipients included). */
    recipientCount: integer('recipient_count').notNull().default(0),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('broadcasts_ws_idx').on(t.workspaceId, t.id)],
);

/** One contact of a broadcast's audience, snapshotted when sending starts, and what became of its message. */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    broadcastId: ref('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The contact's address on the channel when the audience was taken (a phone, a chat id…). */
    address: text('address').notNull(),
    messageId: ref('message_id').references(() => messages.id, { onDelete: 'set null' }),
    status: text('status', { enum: RECIPIENT_STATUSES }).$type<RecipientStatus>().notNull().default('pending'),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    /** A failure a new attempt may overcome (an outage, a rate limit); false for refusals about the contact. */
    retryable: boolean('retryable').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    sentAt: ts('sent_at'),
    repliedAt: ts('replied_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('broadcast_recipients_uq').on(t.broadcastId, t.contactId),
    // The report (counts by status) and the failed view (failed recipients in order) read this index.
    index('broadcast_recipients_status_idx').on(t.broadcastId, t.status, t.id),
    index('broadcast_recipients_message_idx').on(t.messageId),
    // Deleting a contact cascades here.
    index('broadcast_recipients_contact_idx').on(t.contactId, t.sentAt),
  ],
);
