import { and, eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { conversations, messages } from '../../db/schema';
import { assigneeVisibility } from '../contacts/visibility';
import type { Member } from '../workspaces/service';

/**
 * Whether a file is attached to a message the member can read: one in the history of a contact with a
 * conversation the member can see (a conversation shows the contact's whole history). This is how an
 * agent limited to some conversations reaches inbound media and teammates' attachments. Starts from the
 * conversations the member sees (few, for such agents), so no index on the attachments is needed.
 */
export async function attachedInVisibleConversation(scope: Scope, member: Member, fileId: number): Promise<boolean> {
  const [seen] = await scope.unscopedDb
    .select({ id: messages.id })
    .from(conversations)
    .innerJoin(messages, and(eq(messages.contactId, conversations.contactId), scope.owns(messages)))
    .where(
      and(
        scope.owns(conversations),
        assigneeVisibility(member, { userId: conversations.assigneeUserId, teamId: conversations.assigneeTeamId }),
        sql`${messages.attachments} @> ${JSON.stringify([{ fileId }])}::jsonb`,
      ),
    )
    .limit(1);
  return Boolean(seen);
}
