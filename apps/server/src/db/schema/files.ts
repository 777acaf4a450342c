import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from './columns';
import { users, workspaces } from './tenancy';

/** Uploaded and provider-fetched media. Bytes live in storage (local disk under the data dir by default). */
export const files = pgTable(
  'files',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    source: text('source', { enum: ['upload', 'channel'] })
      .notNull()
      .default('upload'),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('files_ws_idx').on(t.workspaceId, t.id)],
);
