import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';

export const workspaces = pgTable('workspaces', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  defaultCountry: text('default_country'),
  locale: text('locale').notNull().default('es'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: id(),
  /** Stored lower-cased; login compares lower-cased input. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  locale: text('locale'),
  /** Desktop notifications for new messages, assignments and mentions; the browser's permission is asked on a click. */
  notifyBrowser: boolean('notify_browser').notNull().default(false),
  notifySound: boolean('notify_sound').notNull().default(true),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'manager', 'agent'] }).notNull(),
    accessLevel: text('access_level', { enum: ['all', 'team', 'assigned'] })
      .notNull()
      .default('all'),
    restrictions: jsonb('restrictions').$type<string[]>().notNull().default([]),
    presence: text('presence', { enum: ['online', 'away', 'offline'] })
      .notNull()
      .default('offline'),
    lastSeenAt: ts('last_seen_at'),
    /** When a workflow last assigned them a conversation: round robin picks the longest-waiting member. */
    lastAssignedAt: ts('last_assigned_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const teams = pgTable(
  'teams',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_ws_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    teamId: ref('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.workspaceId, t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'manager', 'agent'] }).notNull(),
    accessLevel: text('access_level', { enum: ['all', 'team', 'assigned'] })
      .notNull()
      .default('all'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: ref('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_ws_idx').on(t.workspaceId, t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a database leak does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: ref('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: createdAt(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_ws_idx').on(t.workspaceId)],
);

/** Emails the server sent or, without SMTP, could only record here for the owner to read. */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: id(),
    workspaceId: ref('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    delivered: boolean('delivered').notNull().default(false),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_ws_idx').on(t.workspaceId, t.id)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_ws_idx').on(t.workspaceId, t.id)],
);
