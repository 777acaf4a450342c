import type { KnowledgeEntryDto, knowledgeInputSchema } from '@charla/contracts/knowledge';
import { count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Scope } from '../../db/scope';
import { knowledgeChunks, knowledgeEntries } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { chunkDocument } from './chunks';
import { fold } from './text';

type EntryRow = typeof knowledgeEntries.$inferSelect;
export type KnowledgeInputParsed = z.infer<typeof knowledgeInputSchema>;

/** The list shows the start of a document; `GET …/:entryId` gives the whole text. */
const PREVIEW_CHARS = 300;

const serialize = (e: EntryRow, chunks: number, full: boolean): KnowledgeEntryDto => ({
  id: e.id,
  kind: e.kind,
  language: e.language ?? null,
  title: e.title,
  alternatives: e.alternatives,
  text: full || e.kind === 'qa' ? e.body : e.body.slice(0, PREVIEW_CHARS),
  chunks,
  updatedAt: e.updatedAt.toISOString(),
});

async function chunkCounts(scope: Scope, ids: number[]) {
  if (ids.length === 0) return new Map<number, number>();
  const rows = await scope.unscopedDb
    .select({ entryId: knowledgeChunks.entryId, n: count() })
    .from(knowledgeChunks)
    .where(scope.where(knowledgeChunks, inArray(knowledgeChunks.entryId, ids)))
    .groupBy(knowledgeChunks.entryId);
  return new Map(rows.map((r) => [r.entryId, Number(r.n)]));
}

export async function listKnowledge(scope: Scope): Promise<KnowledgeEntryDto[]> {
  const rows = await scope.find(knowledgeEntries).orderBy(desc(knowledgeEntries.updatedAt), desc(knowledgeEntries.id));
  const counts = await chunkCounts(
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((r) => serialize(r, counts.get(r.id) ?? 0, false));
}

export async function getKnowledgeEntry(scope: Scope, id: number): Promise<KnowledgeEntryDto> {
  const [row] = await scope.find(knowledgeEntries, eq(knowledgeEntries.id, id));
  if (!row) throw notFound('Knowledge entry');
  return serialize(row, (await chunkCounts(scope, [id])).get(id) ?? 0, true);
}

/** The stored columns of an input: a Q&A pair's question and answer, a document's title and text. */
const columnsOf = (input: KnowledgeInputParsed) =>
  input.kind === 'qa'
    ? { kind: input.kind, title: input.question, alternatives: input.alternatives, body: input.answer }
    : { kind: input.kind, title: input.title, alternatives: [], body: input.text };

export async function createKnowledgeEntry(scope: Scope, userId: number | null, input: KnowledgeInputParsed) {
  return scope.transaction(async (tx) => {
    const [row] = await tx
      .insert(knowledgeEntries, { ...columnsOf(input), language: input.language, createdBy: userId })
      .returning();
    const chunks = await indexEntry(tx, row!);
    return serialize(row!, chunks, true);
  });
}

/** Replaces an entry's content (its kind stays what it was) and re-indexes it. */
export async function updateKnowledgeEntry(scope: Scope, id: number, input: KnowledgeInputParsed) {
  return scope.transaction(async (tx) => {
    const [before] = await tx.find(knowledgeEntries, eq(knowledgeEntries.id, id)).for('update');
    if (!before) throw notFound('Knowledge entry');
    if (before.kind !== input.kind)
      throw new AppError('invalid', 'kind_mismatch', 'A Q&A pair stays a Q&A pair and a document a document');
    const [row] = await tx
      .update(knowledgeEntries, { ...columnsOf(input), language: input.language }, eq(knowledgeEntries.id, id))
      .returning();
    await tx.delete(knowledgeChunks, eq(knowledgeChunks.entryId, id));
    const chunks = await indexEntry(tx, row!);
    return serialize(row!, chunks, true);
  });
}

export async function deleteKnowledgeEntry(scope: Scope, id: number): Promise<void> {
  const rows = await scope.delete(knowledgeEntries, eq(knowledgeEntries.id, id)).returning({ id: knowledgeEntries.id });
  if (rows.length === 0) throw notFound('Knowledge entry');
}

/**
 * Writes the entry's chunks. The search vector is built by PostgreSQL from accent-folded text: the question
 * (with its alternative phrasings) or the document title weighted `A`, the chunk's own text `B`.
 */
async function indexEntry(tx: Scope, entry: EntryRow): Promise<number> {
  const head = fold([entry.title, ...entry.alternatives].join('\n'));
  const texts = entry.kind === 'qa' ? [entry.body] : chunkDocument(entry.body);
  await tx.insert(
    knowledgeChunks,
    texts.map((text, position) => ({
      entryId: entry.id,
      position,
      text,
      // An SQL expression where drizzle's insert type expects the column's text value.
      search:
        sql`setweight(to_tsvector('simple', ${head}), 'A') || setweight(to_tsvector('simple', ${fold(text)}), 'B')` as unknown as string,
    })),
  );
  return texts.length;
}
