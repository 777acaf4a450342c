import { asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactTags, conversations, tags } from '../../db/schema';

/**
 * What the contacts list's optional columns show besides the contact row: its tags and when it last had
 * activity (its latest conversation message, or the conversation's opening). Two queries for the page.
 */
export async function withListExtras<C extends { id: number; createdAt: string }>(scope: Scope, items: C[]) {
  const ids = items.map((c) => c.id);
  if (ids.length === 0) return [];
  const tagRows = await scope.unscopedDb
    .select({ contactId: contactTags.contactId, id: tags.id, name: tags.name, color: tags.color })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(scope.where(contactTags, inArray(contactTags.contactId, ids)))
    .orderBy(asc(tags.name));
  const lastRows = await scope.unscopedDb
    .select({
      contactId: conversations.contactId,
      at: max(sql<Date>`coalesce(${conversations.lastMessageAt}, ${conversations.openedAt})`),
    })
    .from(conversations)
    .where(scope.where(conversations, inArray(conversations.contactId, ids)))
    .groupBy(conversations.contactId);
  const last = new Map(lastRows.map((r) => [r.contactId, r.at]));
  return items.map((c) => {
    const at = last.get(c.id);
    return {
      ...c,
      tags: tagRows.filter((t) => t.contactId === c.id).map(({ id, name, color }) => ({ id, name, color })),
      lastActivityAt: at ? new Date(at).toISOString() : null,
    };
  });
}
