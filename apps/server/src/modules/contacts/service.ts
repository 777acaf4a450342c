import { and, desc, eq, gte, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactChannels, contactIdentifiers, contacts } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import type { InboundSender } from '../../channels/types';
import { addIdentifier } from '../identity/identifiers';
import { normalizePhone } from '../identity/normalize';
import type { Member } from '../workspaces/service';
import { likePattern } from './filter';
import { assigneeVisibility } from './visibility';

export type Contact = typeof contacts.$inferSelect;

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'phone' | 'email' | 'id'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.phone || c.email || `#${c.id}`;

export function serializeContact(c: Contact) {
  return {
    id: c.id,
    name: contactName(c),
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    email: c.email,
    country: c.country,
    language: c.language,
    lifecycleStage: c.lifecycleStage,
    assigneeUserId: c.assigneeUserId,
    assigneeTeamId: c.assigneeTeamId,
    customFields: c.customFields,
    blocked: c.blocked,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
  };
}

function splitName(name: string | undefined): { firstName: string | null; lastName: string | null } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') || null };
}

/**
 * Finds the contact behind a channel address, creating contact and address on first contact. The phone
 * and email the channel gives go through `addIdentifier` (source = the channel type, verified when the
 * channel proves them): they fill empty fields, raise merge suggestions and may auto-merge, in which case
 * the contact returned is the one it was merged into. Invalid metadata is ignored, never stored.
 * Must run inside a transaction (the scope's).
 */
export async function resolveSender(
  scope: Scope,
  channel: { id: number; type: string },
  sender: InboundSender,
  defaultCountry: string | null,
): Promise<{ contact: Contact; created: boolean }> {
  const [found] = await scope.unscopedDb
    .select({ address: contactChannels, contact: contacts })
    .from(contactChannels)
    .innerJoin(contacts, and(eq(contacts.id, contactChannels.contactId), scope.owns(contacts)))
    .where(
      scope.where(
        contactChannels,
        eq(contactChannels.channelId, channel.id),
        eq(contactChannels.externalId, sender.externalId),
      ),
    );
  let contactId: number;
  let created = false;
  // The contact as loaded, while nothing below has changed it (saves a read per repeat message).
  let known: Contact | undefined;
  if (found) {
    const { address } = found;
    // Writing again proves the address works (the bot was unblocked, the number resubscribed). Within a
    // minute the stored time is precise enough for messaging windows, so a burst writes it once.
    const stale = !address.lastInboundAt || Date.now() - address.lastInboundAt.getTime() > 60_000;
    // A public comment opens no messaging window (and proves nothing about the private address).
    if (!sender.windowless && (stale || address.unreachable))
      await scope.update(
        contactChannels,
        { lastInboundAt: new Date(), unreachable: false, unreachableReason: null },
        eq(contactChannels.id, address.id),
      );
    contactId = address.contactId;
    known = found.contact;
  } else {
    const [contact] = await scope
      .insert(contacts, { ...splitName(sender.name ?? sender.username), avatarUrl: sender.avatarUrl ?? null })
      .returning();
    const inserted = await scope
      .insert(contactChannels, {
        contactId: contact!.id,
        channelId: channel.id,
        externalId: sender.externalId,
        displayName: sender.name ?? sender.username ?? null,
        lastInboundAt: sender.windowless ? null : new Date(),
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      // A concurrent delivery created this address first: use its contact and drop ours.
      await scope.delete(contacts, eq(contacts.id, contact!.id));
      return resolveSender(scope, channel, sender, defaultCountry);
    }
    contactId = contact!.id;
    known = contact;
    created = true;
  }
  const given = [
    sender.phone ? { kind: 'phone' as const, raw: sender.phone } : undefined,
    sender.email ? { kind: 'email' as const, raw: sender.email } : undefined,
  ].filter((x) => x !== undefined);
  for (const identifier of given) {
    const source = { ...identifier, source: channel.type, verified: sender.identifiersVerified ?? false };
    const result = await addIdentifier(scope, contactId, source, defaultCountry).catch((err: unknown) => {
      if (err instanceof AppError && err.kind === 'invalid') return null;
      throw err;
    });
    if (result && (result.created || result.verifiedNow || result.filledField)) known = undefined;
    if (result && result.contactId !== contactId) {
      contactId = result.contactId;
      created = false;
      known = undefined;
    }
  }
  if (known) return { contact: known, created };
  const [contact] = await scope.find(contacts, eq(contacts.id, contactId));
  return { contact: contact!, created };
}

/** A search by name, email or phone, as typed in the contacts list. */
export function searchCondition(search: string | undefined, workspace: PhoneSearchWorkspace): SQL | undefined {
  const q = search?.trim();
  if (!q) return undefined;
  const like = likePattern(q);
  // The full name is the expression of the `contacts_name_trgm` index (so "Ana Pérez" matches too); email
  // and phone have their own indexes: the search stays an index scan over a million contacts.
  const fullName = sql`(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, ''))`;
  return or(
    sql`${fullName} ilike ${like}`,
    ilike(contacts.email, like),
    phoneSearchCondition(q, workspace) ?? ilike(contacts.phone, like),
  );
}

type PhoneSearchWorkspace = { id: number; defaultCountry: string | null };

/**
 * A phone number as people type it — `55 1234-5678`, `(55) 1234 5678`, `+52 1 55 1234 5678`,
 * `044 55 1234 5678`, `011 15 2345-6789` — finds the contact whatever the spacing and punctuation. A whole
 * valid number (read with the workspace's default country and folded like every identifier:
 * identity/normalize.ts) is looked up exactly, as the contact's phone or any of its phone identifiers;
 * anything else with at least 3 digits is a fragment, looked for inside the stored E.164 numbers.
 * Undefined for text that is not a number.
 */
export function phoneSearchCondition(q: string, workspace: PhoneSearchWorkspace): SQL | undefined {
  if (!/^[\d\s()+.\-/]+$/.test(q)) return undefined;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  const line = normalizePhone(q, workspace.defaultCountry);
  if (!line.ok) return sql`${contacts.phone} like ${likePattern(digits)}`;
  return or(
    eq(contacts.phone, line.value),
    // `= any(array(…))` rather than `in (…)` or `exists`: an array parameter keeps the primary key usable
    // in the search's bitmap OR, where a subquery would turn the whole search into a scan.
    sql`${contacts.id} = any(array(select ${contactIdentifiers.contactId} from ${contactIdentifiers}
      where ${contactIdentifiers.workspaceId} = ${workspace.id} and ${contactIdentifiers.kind} = 'phone'
      and ${contactIdentifiers.key} = ${line.key}))`,
  );
}

/**
 * The contacts list's filter: live contacts the member may see (every one for `null`, the workspace
 * itself), matching the search.
 */
export function contactListConditions(member: Member | null, search?: string): SQL | undefined {
  return and(
    isNull(contacts.mergedIntoId),
    member
      ? assigneeVisibility(member, { userId: contacts.assigneeUserId, teamId: contacts.assigneeTeamId })
      : undefined,
    member ? searchCondition(search, member.workspace) : undefined,
  );
}

/** How many of the workspace's newest contacts the first pass of a list page looks at. */
const NEWEST_WINDOW = 5_000;

/**
 * A page of the list: `where` is a list query's condition (see list-query.ts), newest first.
 *
 * Left to itself the planner walks the primary key backwards and filters, expecting matches to be spread
 * evenly; matches that all sit among old ids (an import's names, say) made that a scan of the whole
 * table (900 ms over a million contacts). So the page is read in two bounded passes: the newest
 * `NEWEST_WINDOW` contacts first (enough for any common term or filter), then, only when that came up
 * short, the older rows ordered by `id + 0`, which keeps the planner on the trigram/filter indexes and a
 * top-N sort of the matches instead of the backward walk.
 */
export async function listContacts(scope: Scope, where: SQL | undefined, limit = 50) {
  const size = Math.min(limit, 200);
  const [floor] = await scope.unscopedDb
    .select({ id: contacts.id })
    .from(contacts)
    .where(scope.owns(contacts))
    .orderBy(desc(contacts.id))
    .offset(NEWEST_WINDOW - 1)
    .limit(1);
  if (!floor) {
    const rows = await scope.find(contacts, where).orderBy(desc(contacts.id)).limit(size);
    return rows.map(serializeContact);
  }
  const newest = await scope.find(contacts, where, gte(contacts.id, floor.id)).orderBy(desc(contacts.id)).limit(size);
  if (newest.length === size) return newest.map(serializeContact);
  const older = await scope
    .find(contacts, where, lt(contacts.id, floor.id))
    .orderBy(sql`${contacts.id} + 0 desc`)
    .limit(size - newest.length);
  return [...newest, ...older].map(serializeContact);
}

export async function getContact(scope: Scope, member: Member, id: number): Promise<Contact> {
  const [c] = await scope.find(
    contacts,
    eq(contacts.id, id),
    assigneeVisibility(member, { userId: contacts.assigneeUserId, teamId: contacts.assigneeTeamId }),
  );
  if (!c) throw notFound('Contact');
  return c;
}

/** Fills first/last name from a full name when the contact has none (a name typed by the contact never overwrites one an agent set). */
export async function fillEmptyName(scope: Scope, contactId: number, name: string): Promise<boolean> {
  const [contact] = await scope.find(contacts, eq(contacts.id, contactId));
  if (!contact || contact.firstName || contact.lastName) return false;
  const split = splitName(name);
  if (!split.firstName) return false;
  await scope.update(contacts, split, eq(contacts.id, contactId));
  return true;
}

/** The contact behind an address on a channel, if the address exists. */
export async function contactByAddress(scope: Scope, channelId: number, externalId: string): Promise<Contact | null> {
  const [address] = await scope.find(
    contactChannels,
    eq(contactChannels.channelId, channelId),
    eq(contactChannels.externalId, externalId),
  );
  if (!address) return null;
  const [contact] = await scope.find(contacts, eq(contacts.id, address.contactId));
  return contact ?? null;
}

/**
 * Moves an address to a new external id on the same channel (a web chat visitor who logs in keeps their
 * conversation under `user:<id>`). Does nothing when the target address already exists.
 */
export async function renameAddress(scope: Scope, channelId: number, from: string, to: string): Promise<boolean> {
  if (await contactByAddress(scope, channelId, to)) return false;
  const moved = await scope
    .update(
      contactChannels,
      { externalId: to },
      eq(contactChannels.channelId, channelId),
      eq(contactChannels.externalId, from),
    )
    .returning({ id: contactChannels.id });
  return moved.length > 0;
}

/** A contact's addresses on every channel. */
export const contactAddresses = (scope: Scope, contactId: number) =>
  scope.find(contactChannels, eq(contactChannels.contactId, contactId));
