import { CSV_ENCODINGS } from '@charla/contracts';
import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { files } from './files';
import { users, workspaces } from './tenancy';

/** Where a CSV column goes: a standard field or `custom.<key>`; unmapped columns are absent. */
export type ImportMapping = Record<string, string>;

/**
 * One contacts CSV import (modules/contacts/import/). Created when the file is uploaded (`draft`), run by
 * the `contacts.import` job once the mapping is confirmed; the counts are what the progress bar shows.
 */
export const contactImports = pgTable(
  'contact_imports',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    fileId: ref('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['draft', 'queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('draft'),
    purpose: text('purpose', { enum: ['add', 'update', 'upsert', 'add_all'] })
      .notNull()
      .default('upsert'),
    doNotOverwrite: boolean('do_not_overwrite').notNull().default(false),
    /** Header → field, keyed by header position (`"0"`, `"1"`…) so repeated headers stay distinct. */
    mapping: jsonb('mapping').$type<ImportMapping>().notNull().default({}),
    /** How the file's bytes are decoded: detected on upload, changeable in the wizard before the start. */
    encoding: text('encoding', { enum: CSV_ENCODINGS }).notNull().default('utf-8'),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    rejectedFileId: ref('rejected_file_id').references(() => files.id, { onDelete: 'set null' }),
    error: text('error'),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('contact_imports_ws_idx').on(t.workspaceId, t.id)],
);
