import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactIdentifiers, contacts } from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import type { Contact } from '../contacts/service';
import { type IdentifierKind, normalizeIdentifier } from '../identity/normalize';
import type { Member } from '../workspaces/service';

export type ParsedIdentifier = { kind: 'id'; id: number } | { kind: IdentifierKind; raw: string; key: string };

/** `id:123`, `email:…` or `phone:…` (normalized with the workspace's default country), or a 400. */
export function parseIdentifier(member: Member, identifier: string): ParsedIdentifier {
  const colon = identifier.indexOf(':');
  const kind = identifier.slice(0, colon);
  const raw = identifier.slice(colon + 1).trim();
  if (kind === 'id' && /^\d{1,15}$/.test(raw)) return { kind: 'id', id: Number(raw) };
  if (kind === 'email' || kind === 'phone') {
    const normalized = normalizeIdentifier(kind, raw, member.workspace.defaultCountry);
    if (!normalized.ok) throw invalid(`invalid_${kind}`, normalized.reason);
    return { kind, raw, key: normalized.key };
  }
  throw invalid('invalid_identifier', 'The identifier must be `id:<number>`, `email:<address>` or `phone:<number>`');
}

/** The live contact an identifier names, or null. The oldest contact wins when several hold the phone or email. */
export async function findByIdentifier(scope: Scope, parsed: ParsedIdentifier): Promise<Contact | null> {
  if (parsed.kind === 'id') {
    return (await scope.first(contacts, eq(contacts.id, parsed.id), isNull(contacts.mergedIntoId))) ?? null;
  }
  const [row] = await scope.unscopedDb
    .select({ contact: contacts })
    .from(contactIdentifiers)
    .innerJoin(contacts, and(eq(contacts.id, contactIdentifiers.contactId), scope.owns(contacts)))
    .where(
      scope.where(
        contactIdentifiers,
        eq(contactIdentifiers.kind, parsed.kind),
        eq(contactIdentifiers.key, parsed.key),
        isNull(contacts.mergedIntoId),
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(1);
  return row?.contact ?? null;
}

/** The contact an identifier names, or 404. */
export async function contactOf(scope: Scope, member: Member, identifier: string): Promise<Contact> {
  const contact = await findByIdentifier(scope, parseIdentifier(member, identifier));
  if (!contact) throw notFound('Contact');
  return contact;
}

/** Creating needs something to identify the new contact by. */
export function assertCreatable(parsed: ParsedIdentifier): asserts parsed is Exclude<ParsedIdentifier, { kind: 'id' }> {
  if (parsed.kind === 'id') {
    throw new AppError('invalid', 'invalid_identifier', 'A contact is created by `email:` or `phone:`, not by id');
  }
}
