import type { Scope } from '../../db/scope';
import { activities } from '../../db/schema';

/** What happened to a contact, as shown in its timeline (Actividad). `data` holds ids and the values chosen. */
export type ActivityKind =
  | 'conversation.assigned'
  | 'conversation.closed'
  | 'conversation.reopened'
  | 'conversation.bot_paused'
  | 'conversation.bot_resumed'
  | 'contact.blocked'
  | 'contact.unblocked'
  | 'comment.created';

/**
 * Appends one row to the contact's activity timeline. Callers run it in the same transaction as the change,
 * so the timeline never tells of something that was rolled back.
 */
export async function recordActivity(
  scope: Scope,
  entry: { contactId: number; kind: ActivityKind; actorUserId: number | null; data?: Record<string, unknown> },
): Promise<void> {
  await scope.insert(activities, {
    contactId: entry.contactId,
    kind: entry.kind,
    actorUserId: entry.actorUserId,
    data: entry.data ?? {},
  });
}
