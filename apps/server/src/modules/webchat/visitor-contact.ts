import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { addIdentifier, type Contact, fillEmptyName, resolveSender } from '../contacts/service';
import type { ContactDetails } from './prechat';
import type { Visitor } from './visitor-token';

/** The visitor's contact, created (with its address on the channel) on first need. Inside a transaction. */
export async function ensureVisitorContact(
  ctx: Ctx,
  scope: Scope,
  visitor: Visitor,
  defaultCountry: string | null,
): Promise<Contact> {
  const { contact, created } = await resolveSender(
    scope,
    { id: visitor.channelId, type: 'webchat' },
    { externalId: visitor.externalId },
    defaultCountry,
  );
  if (created) await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.created', { contactId: contact.id });
  return contact;
}

/**
 * Applies details the visitor typed (pre-chat form) or the site passed (identify): the name fills an empty
 * name; email and phone are recorded as unverified identifiers, which is what merge suggestions match on
 * (a pre-chat phone equal to a WhatsApp contact's phone suggests merging the two).
 */
export async function applyVisitorDetails(
  ctx: Ctx,
  scope: Scope,
  contactId: number,
  details: ContactDetails,
  source: string,
  defaultCountry: string | null,
): Promise<void> {
  const fields: string[] = [];
  if (details.name && (await fillEmptyName(scope, contactId, details.name))) fields.push('firstName', 'lastName');
  for (const kind of ['email', 'phone'] as const) {
    const raw = details[kind];
    if (!raw) continue;
    // THE identifier-recording call site for the widget: contacts/service decides normalization,
    // storage and (with the identity module) merge suggestions.
    const recorded = await addIdentifier(scope, contactId, { kind, raw, source, verified: false }, defaultCountry);
    if (recorded.ok) fields.push(kind);
  }
  if (fields.length > 0)
    await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.updated', { contactId, fields });
}
