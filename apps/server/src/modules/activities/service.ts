import { and, desc, eq, lt } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { activities, users } from '../../db/schema';
import { workflowStepsOfContact } from '../workflows/timeline';

/**
 * Kinds written to a contact's timeline. `data` carries what a reader needs to show the entry without
 * joining (names, values), because the things it refers to may be gone later.
 */
export type ActivityKind =
  | 'conversation.assigned'
  | 'conversation.closed'
  | 'conversation.reopened'
  | 'conversation.bot_paused'
  | 'conversation.bot_resumed'
  | 'contact.blocked'
  | 'contact.unblocked'
  | 'comment.created'
  | 'field.changed'
  | 'identifier.added'
  | 'identifier.verified'
  | 'tag.added'
  | 'tag.removed'
  | 'contact.merged'
  | 'contact.split'
  | 'contact.assigned';

/**
 * Appends one entry to the contact's timeline (Actividad). Callers run it in the same transaction as the
 * change, so the timeline never tells of something that was rolled back.
 */
export async function recordActivity(
  scope: Scope,
  contactId: number,
  kind: ActivityKind,
  data: Record<string, unknown>,
  actorUserId: number | null = null,
): Promise<void> {
  await scope.insert(activities, { contactId, kind, data, actorUserId });
}

export interface TimelineEntry {
  /** `a<id>` for an activity row, `w<id>` for a workflow step (two tables, one list). */
  id: string;
  kind: ActivityKind | 'workflow.step';
  data: Record<string, unknown>;
  actor: { id: number; name: string } | null;
  createdAt: string;
}

/**
 * The contact's timeline, newest first: its activity rows interleaved with the steps its workflow runs took
 * (so "the bot asked for the email, then Ana was assigned" reads in order). `before` pages by time.
 */
export async function listActivities(
  scope: Scope,
  contactId: number,
  opts: { before?: Date; limit?: number },
): Promise<TimelineEntry[]> {
  const limit = Math.min(opts.limit ?? 100, 500);
  const rows = await scope.unscopedDb
    .select({ activity: activities, actor: { id: users.id, name: users.name } })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorUserId))
    .where(
      and(
        scope.owns(activities),
        eq(activities.contactId, contactId),
        opts.before ? lt(activities.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(desc(activities.id))
    .limit(limit);
  const steps = await workflowStepsOfContact(scope, contactId, { before: opts.before, limit });
  const entries: TimelineEntry[] = [
    ...rows.map(({ activity, actor }) => ({
      id: `a${activity.id}`,
      kind: activity.kind as ActivityKind,
      data: activity.data,
      actor: actor?.id ? actor : null,
      createdAt: activity.createdAt.toISOString(),
    })),
    ...steps,
  ];
  // Newest first; entries of one moment (one transaction) keep their own order, the workflow's steps
  // before what they changed, reading upwards.
  return entries.sort((x, y) => y.createdAt.localeCompare(x.createdAt)).slice(0, limit);
}
