import { asc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { isUniqueViolation } from '../../db/unique-violation';
import { snippets } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';

type SnippetRow = typeof snippets.$inferSelect;

const serialize = (s: SnippetRow) => ({
  id: s.id,
  shortcut: s.shortcut,
  text: s.text,
  updatedAt: s.updatedAt.toISOString(),
});
export type SnippetDto = ReturnType<typeof serialize>;

const taken = (shortcut: string) => new AppError('conflict', 'shortcut_taken', `The shortcut /${shortcut} is taken`);

export async function listSnippets(scope: Scope): Promise<SnippetDto[]> {
  return (await scope.find(snippets).orderBy(asc(snippets.shortcut))).map(serialize);
}

export async function createSnippet(scope: Scope, userId: number, input: { shortcut: string; text: string }) {
  const [row] = await scope
    .insert(snippets, { ...input, createdBy: userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw taken(input.shortcut);
  return serialize(row);
}

export async function updateSnippet(scope: Scope, id: number, input: { shortcut?: string; text?: string }) {
  try {
    const [row] = await scope.update(snippets, input, eq(snippets.id, id)).returning();
    if (!row) throw notFound('Snippet');
    return serialize(row);
  } catch (err) {
    // The unique index on lower(shortcut) refuses a rename onto another snippet's shortcut.
    if (isUniqueViolation(err)) throw taken(input.shortcut ?? '');
    throw err;
  }
}

export async function deleteSnippet(scope: Scope, id: number): Promise<void> {
  const rows = await scope.delete(snippets, eq(snippets.id, id)).returning({ id: snippets.id });
  if (rows.length === 0) throw notFound('Snippet');
}
