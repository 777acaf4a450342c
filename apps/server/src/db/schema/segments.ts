import type { SegmentGroup } from '@charla/contracts';
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { users, workspaces } from './tenancy';

/**
 * A saved contact filter (modules/contacts/segments/). Only the definition is stored, never the matching
 * contacts: a segment is evaluated in SQL when used, so it is always current. Names are unique per
 * workspace, case-insensitively (the CLI's `--segment NAME` finds one by name).
 */
export const segments = pgTable(
  'segments',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<SegmentGroup>().notNull(),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex('segments_ws_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);
