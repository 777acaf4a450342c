import { renderVariables, systemValues, type VariableValues } from '@charla/contracts/variables';
import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contacts, users } from '../../db/schema';
import { invalid } from '../../http/errors';
import { contactName } from '../contacts/service';
import type { Member, Workspace } from '../workspaces/service';

/** Who sends: a member, or automation (`userId: null`: `$user.*` has no value). */
export type Sender = Pick<Member, 'workspace'> & { userId: number | null };
export type { Workspace };

/** The values `$…` variables take for a message from `member` to a contact (custom fields by key). */
export async function variableValues(
  scope: Scope,
  member: Sender,
  conv: { contactId: number; assigneeUserId: number | null },
): Promise<VariableValues> {
  const [contact] = await scope.find(contacts, eq(contacts.id, conv.contactId));
  // Users are not tenant rows; both are members of this workspace (the sender and the assignee).
  const nameOf = async (id: number | null) =>
    id ? (await scope.unscopedDb.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name : undefined;
  const custom = Object.fromEntries(
    Object.entries(contact?.customFields ?? {}).map(([k, v]) => [k.toLowerCase(), v == null ? null : String(v)]),
  );
  const ws = member.workspace;
  const names = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  return {
    contact: {
      ...custom,
      firstname: contact?.firstName,
      lastname: contact?.lastName,
      name: names || (contact ? contactName(contact) : null),
      phone: contact?.phone,
      email: contact?.email,
    },
    user: { name: await nameOf(member.userId) },
    assignee: { name: await nameOf(conv.assigneeUserId) },
    workspace: { name: ws.name },
    system: systemValues(new Date(), ws.timezone, ws.locale),
  };
}

/**
 * Replaces the variables of a message about to be sent. Unknown tokens stay as typed (they may be plain
 * text such as prices); a known variable without a value refuses the send, so a customer never receives
 * a raw `$contact.email`.
 */
export async function substituteVariables(
  scope: Scope,
  member: Sender,
  conv: { contactId: number; assigneeUserId: number | null },
  text: string,
): Promise<string> {
  if (!text.includes('$')) return text;
  const rendered = renderVariables(text, await variableValues(scope, member, conv));
  if (rendered.empty.length > 0) {
    throw invalid('variable_empty', `No value for ${rendered.empty.join(', ')}`, { variables: rendered.empty });
  }
  return rendered.text;
}
