import { asc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { isUniqueViolation } from '../../db/unique-violation';
import { tags } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';

type TagRow = typeof tags.$inferSelect;
const serialize = (t: TagRow) => ({ id: t.id, name: t.name, color: t.color });
export type TagDto = ReturnType<typeof serialize>;

const taken = (name: string) => new AppError('conflict', 'tag_exists', `A tag named "${name}" exists`);

export async function listTags(scope: Scope): Promise<TagDto[]> {
  return (await scope.find(tags).orderBy(asc(tags.name))).map(serialize);
}

export async function createTag(scope: Scope, input: { name: string; color?: string | null }) {
  const [row] = await scope
    .insert(tags, { name: input.name, color: input.color ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw taken(input.name);
  return serialize(row);
}

export async function updateTag(scope: Scope, id: number, input: { name?: string; color?: string | null }) {
  try {
    const [row] = await scope.update(tags, input, eq(tags.id, id)).returning();
    if (!row) throw notFound('Tag');
    return serialize(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(input.name ?? '');
    throw err;
  }
}

/** Deleting a tag removes it from every contact (contact_tags cascades). */
export async function deleteTag(scope: Scope, id: number): Promise<void> {
  const rows = await scope.delete(tags, eq(tags.id, id)).returning({ id: tags.id });
  if (rows.length === 0) throw notFound('Tag');
}
