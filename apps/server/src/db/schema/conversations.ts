import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id, ref, ts } from './columns';
import { contacts } from './contacts';
import { teams, users, workspaces } from './tenancy';

export interface AttachmentRef {
  /** A file in Files (`fileId`) or, for provider media not yet fetched, the provider URL. */
  fileId?: number;
  url?: string;
  type: string;
  name?: string | null;
  mime?: string | null;
  size?: number | null;
  /** Provider handle for media still to be fetched into Files (see ChannelAdapter.fetchMedia). */
  ref?: string;
  /** pending: being fetched; failed: could not be fetched (`error` says why). Absent = ready. */
  state?: 'pending' | 'failed';
  error?: string;
}

/** A contact's conversation spans channels; at most one is open per contact. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** `broadcast`: kept closed, to hold a broadcast message for a contact who never had a conversation. */
    openedBy: text('opened_by', { enum: ['contact', 'user', 'workflow', 'api', 'broadcast'] })
      .notNull()
      .default('contact'),
    assigneeUserId: ref('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeTeamId: ref('assignee_team_id').references(() => teams.id, { onDelete: 'set null' }),
    lastChannelId: ref('last_channel_id').references(() => channels.id, { onDelete: 'set null' }),
    lastMessageId: ref('last_message_id'),
    lastMessageAt: ts('last_message_at'),
    unreadCount: integer('unread_count').notNull().default(0),
    closingCategory: text('closing_category'),
    closingSummary: text('closing_summary'),
    /** Automated replies (workflows, AI) stay silent for this conversation until then; far future = until resumed. */
    botPausedUntil: ts('bot_paused_until'),
    openedAt: createdAt(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('conversations_one_open_uq').on(t.contactId).where(sql`${t.status} = 'open'`),
    index('conversations_inbox_idx').on(t.workspaceId, t.status, t.lastMessageAt),
    // The inbox order (newest activity first, id as tie-breaker) is the cursor of the list's pagination.
    index('conversations_inbox_order_idx').on(
      t.workspaceId,
      t.status,
      sql`coalesce(${t.lastMessageAt}, ${t.openedAt})`,
      t.id,
    ),
    index('conversations_assignee_idx').on(t.workspaceId, t.assigneeUserId, t.status),
    index('conversations_contact_idx').on(t.contactId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelId: ref('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    senderKind: text('sender_kind', {
      enum: ['contact', 'user', 'bot', 'system', 'api', 'workflow', 'broadcast'],
    }).notNull(),
    senderUserId: ref('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body'),
    attachments: jsonb('attachments').$type<AttachmentRef[]>().notNull().default([]),
    /** Provider-specific extras (reply-to, interactive payloads…), never rendered as HTML. */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['received', 'pending', 'sent', 'delivered', 'read', 'failed'] }).notNull(),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    /** Set when the message failed: whether sending it again may succeed (an outage outlasted the retries). */
    errorRetryable: boolean('error_retryable'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('messages_provider_uq').on(t.channelId, t.providerMessageId),
    index('messages_conversation_idx').on(t.conversationId, t.id),
    index('messages_contact_idx').on(t.contactId, t.id),
    index('messages_ws_created_idx').on(t.workspaceId, t.createdAt),
    // Inbox search matches message text with ILIKE '%…%'; trigram GIN keeps that indexed.
    index('messages_body_trgm').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);

/** Internal notes between agents, never sent to the contact. */
export const comments = pgTable(
  'comments',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: ref('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    mentions: jsonb('mentions').$type<number[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('comments_conversation_idx').on(t.conversationId, t.id)],
);
