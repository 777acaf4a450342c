import { and, desc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../db/scope';
import { contactMerges, contacts, users } from '../../db/schema';
import { contactName } from '../contacts/service';

const kept = alias(contacts, 'kept_contact');
const merged = alias(contacts, 'merged_contact');

/** Merges in which the contact was kept or merged away, newest first, for its page ("Undo merge"). */
export async function listMergesOf(scope: Scope, contactId: number) {
  const rows = await scope.unscopedDb
    .select({ merge: contactMerges, kept, merged, actor: { id: users.id, name: users.name } })
    .from(contactMerges)
    .innerJoin(kept, eq(kept.id, contactMerges.keptContactId))
    .innerJoin(merged, eq(merged.id, contactMerges.mergedContactId))
    .leftJoin(users, eq(users.id, contactMerges.actorUserId))
    .where(
      and(
        scope.owns(contactMerges),
        or(eq(contactMerges.keptContactId, contactId), eq(contactMerges.mergedContactId, contactId)),
      ),
    )
    .orderBy(desc(contactMerges.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.merge.id,
    trigger: r.merge.trigger,
    kept: { id: r.kept.id, name: contactName(r.kept) },
    merged: { id: r.merged.id, name: contactName(r.merged) },
    actor: r.actor?.id ? r.actor : null,
    createdAt: r.merge.createdAt.toISOString(),
    splitAt: r.merge.splitAt?.toISOString() ?? null,
  }));
}
