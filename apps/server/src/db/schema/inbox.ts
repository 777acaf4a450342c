import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { users, workspaces } from './tenancy';

/** Saved replies (Atajos / Respuestas rápidas): typing `/shortcut` in the composer offers `text`. */
export const snippets = pgTable(
  'snippets',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    text: text('text').notNull(),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex('snippets_ws_shortcut_uq').on(t.workspaceId, sql`lower(${t.shortcut})`)],
);

/** In-app notifications of one member (a mention in an internal comment, …); the bell counts unread ones. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['mention', 'assignment'] }).notNull(),
    /** Ids only (conversationId, commentId, actorUserId): the text is read fresh, with visibility applied. */
    data: jsonb('data').$type<Record<string, number | null>>().notNull().default({}),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.workspaceId, t.userId, t.id)],
);
