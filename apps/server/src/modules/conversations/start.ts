import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { AppError } from '../../http/errors';
import { assertLive } from '../contacts/edit';
import { getContact } from '../contacts/service';
import type { Member } from '../workspaces/service';
import { getConversation, openConversationFor } from './service';

/**
 * "Send a message" from a contact's page: the contact's open conversation, opened now if there is none
 * (an imported contact who never wrote). A conversation opened by an agent who sees only their own
 * conversations is assigned to them, or they could not open what they just started. An open conversation
 * the member may not see is not found, like any other.
 */
export async function startConversation(ctx: Ctx, scope: Scope, member: Member, contactId: number) {
  const contact = await getContact(scope, member, contactId);
  assertLive(contact);
  if (contact.blocked) throw new AppError('invalid', 'contact_blocked', 'The contact is blocked: unblock it to write');
  const assignee = member.role === 'agent' && member.accessLevel !== 'all' ? member.userId : null;
  const { conversation, opened } = await scope.transaction((tx) =>
    openConversationFor(ctx, tx, contact.id, 'user', assignee),
  );
  return { conversation: await getConversation(scope, member, conversation.id), opened };
}
