import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { contacts, conversations, memberships, users } from '../../db/schema';
import { notFound } from '../../http/errors';
import { setContactTag } from '../tags/service';
import type { Member } from '../workspaces/service';
import { recordActivity } from '../activities/service';
import { setContactAssignee } from './inbox-state';
import { assigneeVisibility } from './visibility';

/**
 * The live contacts among `ids` the member may see, locked for the rest of the transaction. Any id the
 * member cannot see (or that does not exist, or was merged away) refuses the whole action with 404, so
 * a bulk request neither half-applies nor tells hidden ids from missing ones.
 */
async function visibleContacts(tx: Scope, member: Member, ids: number[]) {
  const unique = [...new Set(ids)];
  const rows = await tx
    .find(
      contacts,
      inArray(contacts.id, unique),
      isNull(contacts.mergedIntoId),
      assigneeVisibility(member, { userId: contacts.assigneeUserId, teamId: contacts.assigneeTeamId }),
    )
    .for('update');
  if (rows.length !== unique.length) throw notFound('Contact');
  return rows;
}

/** Tags every contact (already tagged ones stay as they are); one timeline entry per contact tagged. */
export async function bulkAddTag(ctx: Ctx, scope: Scope, member: Member, ids: number[], tagId: number) {
  return scope.transaction(async (tx) => {
    const rows = await visibleContacts(tx, member, ids);
    for (const c of rows) {
      await setContactTag(ctx, tx, c.id, tagId, 'added', member.userId);
    }
    return { updated: rows.length };
  });
}

/**
 * Assigns every contact, and its open conversation (the contact's assignee mirrors the conversation's),
 * to a member of the workspace; one timeline entry per contact whose assignee changed.
 */
export async function bulkAssign(ctx: Ctx, scope: Scope, member: Member, ids: number[], userId: number) {
  return scope.transaction(async (tx) => {
    const [assignee] = await tx.unscopedDb
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(tx.owns(memberships), eq(memberships.userId, userId)));
    if (!assignee) throw notFound('Member');
    const rows = await visibleContacts(tx, member, ids);
    for (const c of rows) {
      if (c.assigneeUserId === userId && c.assigneeTeamId === null) continue;
      await setContactAssignee(tx, c.id, { userId, teamId: null });
      const open = await tx
        .update(
          conversations,
          { assigneeUserId: userId, assigneeTeamId: null },
          eq(conversations.contactId, c.id),
          eq(conversations.status, 'open'),
        )
        .returning({ id: conversations.id });
      await recordActivity(tx, c.id, 'contact.assigned', { userId, name: assignee.name }, member.userId);
      await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'contact.updated', {
        contactId: c.id,
        fields: ['assignee'],
      });
      await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'contact.assignee.changed', { contactId: c.id });
      const previous = { assigneeUserId: c.assigneeUserId, assigneeTeamId: c.assigneeTeamId };
      for (const conv of open) {
        await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'conversation.updated', {
          conversationId: conv.id,
          contactId: c.id,
          previous,
        });
      }
    }
    return { updated: rows.length };
  });
}
