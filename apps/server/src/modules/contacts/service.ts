import { and, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactChannels, contactIdentifiers, contacts } from '../../db/schema';
import { notFound } from '../../http/errors';
import type { InboundSender } from '../../channels/types';
import { normalizeEmail, normalizePhone } from '../identity/normalize';
import type { Member } from '../workspaces/service';
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
    createdAt: c.createdAt.toISOString(),
  };
}

function splitName(name: string | undefined): { firstName: string | null; lastName: string | null } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  return { firstName: parts[0]!, lastName: parts.slice(1).join(' ') || null };
}

/**
 * Finds the contact behind a channel address, creating contact and address on first contact. Phone and
 * email given by the channel fill empty fields and are recorded as identifiers with their source.
 * Must run inside a transaction (the scope's).
 */
export async function resolveSender(
  scope: Scope,
  channel: { id: number; type: string },
  sender: InboundSender,
  defaultCountry: string | null,
): Promise<{ contact: Contact; created: boolean }> {
  const [address] = await scope.find(
    contactChannels,
    eq(contactChannels.channelId, channel.id),
    eq(contactChannels.externalId, sender.externalId),
  );
  if (address) {
    const [contact] = await scope.find(contacts, eq(contacts.id, address.contactId));
    // Writing again proves the address works (the bot was unblocked, the number resubscribed).
    await scope.update(
      contactChannels,
      { lastInboundAt: new Date(), unreachable: false, unreachableReason: null },
      eq(contactChannels.id, address.id),
    );
    if (sender.identifiersVerified) await addVerifiedPhone(scope, contact!, channel.type, sender.phone, defaultCountry);
    return { contact: contact!, created: false };
  }
  const phone = sender.phone ? normalizePhone(sender.phone, defaultCountry) : undefined;
  const email = sender.email ? normalizeEmail(sender.email) : undefined;
  const [contact] = await scope
    .insert(contacts, {
      ...splitName(sender.name ?? sender.username),
      phone: phone?.ok ? phone.value : null,
      email: email?.ok ? email.value : null,
      country: phone?.ok ? (phone.country ?? null) : null,
      avatarUrl: sender.avatarUrl ?? null,
    })
    .returning();
  const inserted = await scope
    .insert(contactChannels, {
      contactId: contact!.id,
      channelId: channel.id,
      externalId: sender.externalId,
      displayName: sender.name ?? sender.username ?? null,
      lastInboundAt: new Date(),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    // A concurrent delivery created this address first: use its contact and drop ours.
    await scope.delete(contacts, eq(contacts.id, contact!.id));
    return resolveSender(scope, channel, sender, defaultCountry);
  }
  const identifiers = [
    phone?.ok ? { kind: 'phone' as const, value: phone.value } : undefined,
    email?.ok ? { kind: 'email' as const, value: email.value } : undefined,
  ].filter((x) => x !== undefined);
  if (identifiers.length > 0) {
    await scope
      .insert(
        contactIdentifiers,
        identifiers.map((i) => ({
          ...i,
          contactId: contact!.id,
          source: channel.type,
          verified: sender.identifiersVerified ?? false,
        })),
      )
      .onConflictDoNothing();
  }
  return { contact: contact!, created: true };
}

/**
 * A known contact proves a phone later (a Telegram user sharing their own contact): record it as a
 * verified identifier (upgrading an unverified one) and fill the contact's phone if it had none.
 */
async function addVerifiedPhone(
  scope: Scope,
  contact: Contact,
  source: string,
  raw: string | undefined,
  defaultCountry: string | null,
) {
  const phone = raw ? normalizePhone(raw, defaultCountry) : undefined;
  if (!phone?.ok) return;
  await scope
    .insert(contactIdentifiers, { contactId: contact.id, kind: 'phone', value: phone.value, source, verified: true })
    .onConflictDoUpdate({
      target: [contactIdentifiers.contactId, contactIdentifiers.kind, contactIdentifiers.value],
      set: { verified: true },
    });
  if (!contact.phone)
    await scope.update(contacts, { phone: phone.value, country: phone.country ?? null }, eq(contacts.id, contact.id));
}

export async function listContacts(scope: Scope, member: Member, opts: { search?: string; limit?: number }) {
  const conditions: (SQL | undefined)[] = [
    assigneeVisibility(member, { userId: contacts.assigneeUserId, teamId: contacts.assigneeTeamId }),
  ];
  const q = opts.search?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      or(
        ilike(contacts.firstName, like),
        ilike(contacts.lastName, like),
        ilike(contacts.email, like),
        ilike(contacts.phone, like),
      ),
    );
  }
  const rows = await scope
    .find(contacts, and(...conditions))
    .orderBy(desc(contacts.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  return rows.map(serializeContact);
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
