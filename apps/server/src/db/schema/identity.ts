import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { contacts } from './contacts';
import { users, workspaces } from './tenancy';

/**
 * Two contacts that share a normalized phone or email. One row per pair (lower id first), so a dismissal
 * is remembered: the pair is never raised again.
 */
export const mergeSuggestions = pgTable(
  'merge_suggestions',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactAId: ref('contact_a_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    contactBId: ref('contact_b_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** A shared phone or email, or `channel`: a provider named one contact's address as the other's. */
    reasonKind: text('reason_kind', { enum: ['phone', 'email', 'channel'] }).notNull(),
    /** The shared identifier's comparison key, or the channel address (`channel`). */
    reasonValue: text('reason_value').notNull(),
    status: text('status', { enum: ['open', 'dismissed', 'merged'] })
      .notNull()
      .default('open'),
    dismissedBy: ref('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
    dismissedAt: ts('dismissed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('merge_suggestions_pair_uq').on(t.contactAId, t.contactBId),
    index('merge_suggestions_ws_status_idx').on(t.workspaceId, t.status, t.id),
    index('merge_suggestions_b_idx').on(t.contactBId),
    check('merge_suggestions_ordered', sql`${t.contactAId} < ${t.contactBId}`),
  ],
);

/** One merge, with what moved where, so that it can be split again (see modules/identity/split.ts). */
export const contactMerges = pgTable(
  'contact_merges',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    keptContactId: ref('kept_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    mergedContactId: ref('merged_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** 'manual' (an agent) or 'auto' (verified identifiers with the workspace's auto-merge on). */
    trigger: text('trigger', { enum: ['manual', 'auto'] }).notNull(),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    splitAt: ts('split_at'),
    splitBy: ref('split_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('contact_merges_kept_idx').on(t.keptContactId, t.id),
    index('contact_merges_merged_idx').on(t.mergedContactId),
  ],
);
