import { customType, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { users, workspaces } from './tenancy';

/** PostgreSQL's full-text document type (built with the `simple` configuration; see knowledge/search.ts). */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/**
 * The knowledge matrix (modules/knowledge/): Q&A pairs (`question`, `alternatives`, `answer`) and documents
 * (`title`, `body`). What retrieval searches is `knowledge_chunks`.
 */
export const knowledgeEntries = pgTable('knowledge_entries', {
  id: id(),
  workspaceId: ref('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['qa', 'document'] }).notNull(),
  /** Q&A: the question; document: the title. */
  title: text('title').notNull(),
  alternatives: jsonb('alternatives').$type<string[]>().notNull().default([]),
  /** Q&A: the answer; document: the whole text. */
  body: text('body').notNull(),
  language: text('language', { enum: ['es', 'en'] }),
  createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: ts('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/**
 * What retrieval searches: one chunk per Q&A pair (its answer) and a few per document. `search` holds the
 * accent-folded words, the question or title weighted `A` and the chunk's text `B`.
 */
export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entryId: ref('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    search: tsvector('search').notNull(),
  },
  (t) => [
    index('knowledge_chunks_search_idx').using('gin', t.search),
    index('knowledge_chunks_entry_idx').on(t.entryId, t.position),
  ],
);
