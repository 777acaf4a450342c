import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contacts } from '../../db/schema';
import { AppError, invalid } from '../../http/errors';
import { addIdentifier, type IdentifierSource } from '../identity/identifiers';
import type { Member } from '../workspaces/service';
import { recordActivity } from '../activities/service';
import { listCustomFields, validateCustomValue } from './custom-fields';
import { type Contact, getContact } from './service';

export interface ContactPatch {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  /** `null` clears a value. Keys must be defined custom fields. */
  customFields?: Record<string, unknown>;
}

/** Fails on a contact merged into another: edits belong on the contact it became. */
export function assertLive(contact: Contact): void {
  if (contact.mergedIntoId) {
    throw new AppError('conflict', 'contact_merged', `This contact was merged into #${contact.mergedIntoId}`, {
      mergedIntoId: contact.mergedIntoId,
    });
  }
}

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

/**
 * An agent's (or the API's) edit. Names and custom fields are set directly (custom values validated by their field's
 * type); a phone or email goes through `addIdentifier` (source `agent`, unverified), so it is normalized,
 * recorded and checked for duplicates, and then becomes the field's value. One activity per change.
 */
export async function updateContact(
  scope: Scope,
  member: Member,
  id: number,
  patch: ContactPatch,
  /** Where typed phones and emails come from: an agent in the app, or an integration through the API. */
  source: IdentifierSource = 'agent',
): Promise<Contact> {
  return scope.transaction(async (tx) => {
    const contact = await getContact(tx, member, id);
    assertLive(contact);
    return (
      await patchContact(tx, contact, patch, {
        userId: member.userId,
        source,
        defaultCountry: member.workspace.defaultCountry,
      })
    ).contact;
  });
}

/**
 * Applies a patch to a live contact in the caller's transaction (an agent's edit, a workflow step): the
 * same rules for everyone. Returns the contact as saved and the fields that changed.
 */
export async function patchContact(
  tx: Scope,
  contact: Contact,
  patch: ContactPatch,
  by: { userId: number | null; source: IdentifierSource; defaultCountry: string | null },
): Promise<{ contact: Contact; changed: string[] }> {
  {
    const update: Partial<Contact> = {};
    const changes: { field: string; from: unknown; to: unknown }[] = [];
    for (const field of ['firstName', 'lastName'] as const) {
      const value = blankToNull(patch[field]);
      if (value !== undefined && value !== contact[field]) {
        update[field] = value;
        changes.push({ field, from: contact[field], to: value });
      }
    }
    for (const kind of ['phone', 'email'] as const) {
      const raw = blankToNull(patch[kind]);
      if (raw === undefined) continue;
      if (raw === null) {
        if (contact[kind] !== null) {
          update[kind] = null;
          changes.push({ field: kind, from: contact[kind], to: null });
        }
        continue;
      }
      const added = await addIdentifier(
        tx,
        contact.id,
        { kind, raw, source: by.source, actorUserId: by.userId },
        by.defaultCountry,
      );
      const value = added.identifier.value;
      const [current] = await tx.find(contacts, eq(contacts.id, contact.id));
      if (current && current[kind] !== value) {
        update[kind] = value;
        changes.push({ field: kind, from: current[kind], to: value });
      }
    }
    if (patch.customFields) {
      const defs = new Map((await listCustomFields(tx)).map((f) => [f.key, f]));
      const next = { ...contact.customFields };
      for (const [key, raw] of Object.entries(patch.customFields)) {
        const def = defs.get(key);
        if (!def) throw invalid('unknown_custom_field', `There is no custom field "${key}"`, { field: key });
        const value = raw === null || raw === '' ? null : validateCustomValue(def, raw);
        const before = contact.customFields[key] ?? null;
        if (value === before) continue;
        if (value === null) delete next[key];
        else next[key] = value;
        changes.push({ field: `custom.${key}`, from: before, to: value });
      }
      update.customFields = next;
    }
    if (changes.length > 0) await tx.update(contacts, update, eq(contacts.id, contact.id));
    for (const change of changes) await recordActivity(tx, contact.id, 'field.changed', change, by.userId);
    const [updated] = await tx.find(contacts, eq(contacts.id, contact.id));
    return { contact: updated!, changed: changes.map((c) => c.field) };
  }
}
