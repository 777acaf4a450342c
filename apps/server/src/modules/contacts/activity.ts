import { and, desc, eq, lt } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { activities, users } from '../../db/schema';

/**
 * Kinds written to a contact's timeline. `data` carries what a reader needs to show the entry without
 * joining (names, values), because the things it refers to may be gone later.
 */
export type ActivityKind =
  | 'field.changed'
  | 'identifier.added'
  | 'identifier.verified'
  | 'tag.added'
  | 'tag.removed'
  | 'contact.merged'
  | 'contact.split'
  | 'contact.assigned';

/** Appends one entry to the contact's timeline (Actividad). */
export async function recordActivity(
  scope: Scope,
  contactId: number,
  kind: ActivityKind,
  data: Record<string, unknown>,
  actorUserId: number | null = null,
): Promise<void> {
  await scope.insert(activities, { contactId, kind, data, actorUserId });
}

/** The newest entries first, with the acting user's name. */
export async function listActivities(scope: Scope, contactId: number, opts: { beforeId?: number; limit?: number }) {
  const rows = await scope.unscopedDb
    .select({ activity: activities, actor: { id: users.id, name: users.name } })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorUserId))
    .where(
      and(
        scope.owns(activities),
        eq(activities.contactId, contactId),
        opts.beforeId ? lt(activities.id, opts.beforeId) : undefined,
      ),
    )
    .orderBy(desc(activities.id))
    .limit(Math.min(opts.limit ?? 100, 500));
  return rows.map(({ activity, actor }) => ({
    id: activity.id,
    kind: activity.kind,
    data: activity.data,
    actor: actor?.id ? actor : null,
    createdAt: activity.createdAt.toISOString(),
  }));
}
