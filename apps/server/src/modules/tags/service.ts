import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { isUniqueViolation } from '../../db/unique-violation';
import { contactTags, tags } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { recordActivity } from '../activities/service';

export type Tag = typeof tags.$inferSelect;

export const serializeTag = (t: Tag) => ({ id: t.id, name: t.name, color: t.color });

export async function listTags(scope: Scope) {
  return (await scope.find(tags).orderBy(asc(tags.name))).map(serializeTag);
}

const taken = (name: string) => new AppError('conflict', 'tag_name_taken', `A tag named "${name}" exists`);

export async function createTag(scope: Scope, input: { name: string; color?: string | null }) {
  const [row] = await scope
    .insert(tags, { name: input.name, color: input.color ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw taken(input.name);
  return serializeTag(row);
}

export async function updateTag(scope: Scope, id: number, input: { name?: string; color?: string | null }) {
  try {
    const [row] = await scope.update(tags, input, eq(tags.id, id)).returning();
    if (!row) throw notFound('Tag');
    return serializeTag(row);
  } catch (err) {
    // Names are unique case-insensitively (a unique index on lower(name)).
    if (isUniqueViolation(err)) throw taken(input.name ?? '');
    throw err;
  }
}

/** Deleting a tag removes it from every contact (the foreign key cascades). */
export async function deleteTag(scope: Scope, id: number) {
  const [row] = await scope.delete(tags, eq(tags.id, id)).returning();
  if (!row) throw notFound('Tag');
}

export async function tagsOfContact(scope: Scope, contactId: number) {
  const rows = await scope.unscopedDb
    .select({ tag: tags })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(scope.where(contactTags, eq(contactTags.contactId, contactId)))
    .orderBy(asc(tags.name));
  return rows.map((r) => serializeTag(r.tag));
}

/**
 * Tags or untags a contact (idempotent). Only a real change gets a timeline entry and the events
 * (`contact.updated` with `tags`, and `contact.tag_updated`, which starts workflows and webhooks).
 */
export async function setContactTag(
  ctx: Pick<Ctx, 'events'>,
  scope: Scope,
  contactId: number,
  tagId: number,
  action: 'added' | 'removed',
  actorUserId: number | null,
): Promise<boolean> {
  const tag = await scope.first(tags, eq(tags.id, tagId));
  if (!tag) throw notFound('Tag');
  const changed =
    action === 'added'
      ? await scope.insert(contactTags, { contactId, tagId }).onConflictDoNothing().returning()
      : await scope.delete(contactTags, eq(contactTags.contactId, contactId), eq(contactTags.tagId, tagId)).returning();
  if (changed.length === 0) return false;
  await recordActivity(
    scope,
    contactId,
    action === 'added' ? 'tag.added' : 'tag.removed',
    { tagId, name: tag.name },
    actorUserId,
  );
  await ctx.events.emitMany(scope.unscopedDb, [
    { workspaceId: scope.workspaceId, type: 'contact.updated', data: { contactId, fields: ['tags'] } },
    { workspaceId: scope.workspaceId, type: 'contact.tag_updated', data: { contactId, tagId, tag: tag.name, action } },
  ]);
  return true;
}

/** The tag named `name` (case-insensitive), created when missing (workflows tag by name). */
export async function tagByName(scope: Scope, name: string): Promise<Tag> {
  const existing = await scope.first(tags, sql`lower(${tags.name}) = lower(${name})`);
  if (existing) return existing;
  const [row] = await scope.insert(tags, { name }).onConflictDoNothing().returning();
  return row ?? (await scope.first(tags, sql`lower(${tags.name}) = lower(${name})`))!;
}
