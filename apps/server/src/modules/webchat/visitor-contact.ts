import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { AppError } from '../../http/errors';
import { type Contact, fillEmptyName, resolveSender } from '../contacts/service';
import { addIdentifier } from '../identity/identifiers';
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
    // The identity module normalizes, records (unverified: the visitor typed it), fills the empty field
    // and raises merge suggestions. The pre-chat form was validated already; a value passed to
    // `identify` that does not normalize is ignored rather than failing the visitor's session.
    const recorded = await addIdentifier(
      scope,
      contactId,
      { kind, raw, source, verified: false },
      defaultCountry,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.kind === 'invalid') return null;
      throw err;
    });
    if (recorded) fields.push(kind);
  }
  if (fields.length > 0)
    await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.updated', { contactId, fields });
}
