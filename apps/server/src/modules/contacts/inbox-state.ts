import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contacts } from '../../db/schema';

/**
 * The contact fields the inbox changes. Kept apart from the contacts service so the inbox does not reach
 * into the contacts table itself.
 */

/** A conversation's assignee is also the contact's: access levels decide visibility of both from it. */
export async function setContactAssignee(
  scope: Scope,
  contactId: number,
  assignee: { userId: number | null; teamId: number | null },
): Promise<void> {
  await scope.update(
    contacts,
    { assigneeUserId: assignee.userId, assigneeTeamId: assignee.teamId },
    eq(contacts.id, contactId),
  );
}

/** A blocked contact's messages stay out of the inbox and nobody can reply to them until unblocked. */
export async function setContactBlocked(scope: Scope, contactId: number, blocked: boolean): Promise<void> {
  await scope.update(contacts, { blocked }, eq(contacts.id, contactId));
}

export async function isContactBlocked(scope: Scope, contactId: number): Promise<boolean> {
  const [c] = await scope.find(contacts, eq(contacts.id, contactId));
  return c?.blocked ?? false;
}
