import type { KnowledgeHit } from '@charla/contracts/knowledge';
import { desc, inArray, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { knowledgeChunks, knowledgeEntries } from '../../db/schema';
import { contentWords, searchPrefix } from './text';

/** Words of a query that count (a long message is judged by its first ones). */
const MAX_TERMS = 12;

const tsquery = (text: string) => sql`to_tsquery('simple', ${text})`;

/**
 * The `limit` best Q&A pairs and document chunks for a question, best first. A hit's score is the share of
 * the question's meaningful words it holds (prefix-matched, accents folded): a word in the question, its
 * alternative phrasings or a document's title counts 1, a word only in the answer or chunk text ½. So 1.0
 * means every word of the question is in the entry's question. Ties go to PostgreSQL's cover-density rank.
 * Runs on PGlite and PostgreSQL alike (`simple` configuration, GIN index on the vector).
 */
export async function searchKnowledge(scope: Scope, question: string, limit = 5): Promise<KnowledgeHit[]> {
  const terms = contentWords(question).slice(0, MAX_TERMS).map(searchPrefix);
  if (terms.length === 0) return [];
  const unique = [...new Set(terms)];
  const v = knowledgeChunks.search;
  const any = tsquery(unique.map((t) => `${t}:*`).join(' | '));
  const perTerm: SQL[] = unique.map(
    (t) => sql`case when ${v} @@ ${tsquery(`${t}:*A`)} then 1.0 when ${v} @@ ${tsquery(`${t}:*`)} then 0.5 else 0 end`,
  );
  const score = sql<number>`((${sql.join(perTerm, sql` + `)}) / ${unique.length}::float8)`;
  const rows = await scope.unscopedDb
    .select({ id: knowledgeChunks.id, entryId: knowledgeChunks.entryId, text: knowledgeChunks.text, score })
    .from(knowledgeChunks)
    .where(scope.where(knowledgeChunks, sql`${v} @@ ${any}`))
    .orderBy(desc(score), desc(sql`ts_rank_cd(${v}, ${any})`), knowledgeChunks.id)
    .limit(limit);
  if (rows.length === 0) return [];
  const entries = await scope.find(
    knowledgeEntries,
    inArray(
      knowledgeEntries.id,
      rows.map((r) => r.entryId),
    ),
  );
  const byId = new Map(entries.map((e) => [e.id, e]));
  return rows.flatMap((r) => {
    const e = byId.get(r.entryId);
    if (!e) return [];
    return [
      {
        chunkId: r.id,
        entryId: e.id,
        kind: e.kind,
        title: e.title,
        text: r.text,
        language: e.language ?? null,
        score: Math.round(Number(r.score) * 1000) / 1000,
      },
    ];
  });
}
