import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactIdentifiers, contacts } from '../../db/schema';
import { invalid, notFound } from '../../http/errors';
import { recordActivity } from '../activities/service';
import { type MergeResult, mergeContacts } from './merge';
import { type IdentifierKind, normalizeIdentifier } from './normalize';
import { getIdentitySettings } from './settings';
import { raiseSuggestions } from './suggestions';

export type ContactIdentifier = typeof contactIdentifiers.$inferSelect;

/** Where an identifier came from: a channel type (`whatsapp`, `sms`, `custom`…) or one of these. */
export type IdentifierSource = 'form' | 'workflow' | 'api' | 'agent' | 'import' | (string & {});

export interface IdentifierInput {
  kind: IdentifierKind;
  /** As received or typed; normalized here. */
  raw: string;
  source: IdentifierSource;
  /** The source proves it (a WhatsApp id, an SMS sender, an email From, a signed widget identity). */
  verified?: boolean;
  actorUserId?: number | null;
}

export interface AddIdentifierResult {
  identifier: ContactIdentifier;
  /** The live contact holding it: another one than asked for when auto-merge merged them. */
  contactId: number;
  created: boolean;
  /** It existed unverified and is verified now. */
  verifiedNow: boolean;
  /** The contact's empty phone/email field was filled with it. */
  filledField: boolean;
  /** Suggestions raised or found for this identifier (any status). */
  suggestionIds: number[];
  autoMerges: MergeResult[];
}

/**
 * The one way identifiers reach a contact: channel metadata, the widget's pre-chat form, a workflow's
 * answer, the API and agent edits all call this. It normalizes (invalid input throws `invalid_phone` /
 * `invalid_email` with the reason, and nothing is stored), records the identifier with its source,
 * upgrades it to verified (never back), fills the contact's empty phone/email field, raises merge
 * suggestions with every other contact holding the same key, and — when the workspace turned on
 * auto-merge — merges into the oldest such contact when both sides are verified and the pair was not
 * dismissed. Runs in the caller's transaction, or its own.
 *
 * @example
 * await addIdentifier(scope, contact.id, { kind: 'phone', raw: '55 1234 5678', source: 'form' }, 'MX');
 */
export async function addIdentifier(
  outer: Scope,
  contactId: number,
  input: IdentifierInput,
  defaultCountry: string | null,
): Promise<AddIdentifierResult> {
  const normalized = normalizeIdentifier(input.kind, input.raw, defaultCountry);
  if (!normalized.ok) throw invalid(`invalid_${input.kind}`, normalized.reason, { field: input.kind });
  const verified = input.verified ?? false;
  const actor = input.actorUserId ?? null;
  return outer.transaction(async (scope) => {
    const contact = await liveContact(scope, contactId);
    let identifier = await scope.first(
      contactIdentifiers,
      eq(contactIdentifiers.contactId, contact.id),
      eq(contactIdentifiers.kind, input.kind),
      eq(contactIdentifiers.key, normalized.key),
    );
    let created = false;
    let verifiedNow = false;
    if (!identifier) {
      [identifier] = await scope
        .insert(contactIdentifiers, {
          contactId: contact.id,
          kind: input.kind,
          value: normalized.value,
          key: normalized.key,
          source: input.source,
          verified,
        })
        .returning();
      created = true;
      const data = { kind: input.kind, value: normalized.value, source: input.source, verified };
      await recordActivity(scope, contact.id, 'identifier.added', data, actor);
    } else if (verified && !identifier.verified) {
      [identifier] = await scope
        .update(contactIdentifiers, { verified: true }, eq(contactIdentifiers.id, identifier.id))
        .returning();
      verifiedNow = true;
      const data = { kind: input.kind, value: identifier!.value, source: input.source };
      await recordActivity(scope, contact.id, 'identifier.verified', data, actor);
    }

    const filledField = await fillEmptyField(scope, contact, input.kind, normalized, actor);
    const result: AddIdentifierResult = {
      identifier: identifier!,
      contactId: contact.id,
      created,
      verifiedNow,
      filledField,
      suggestionIds: [],
      autoMerges: [],
    };
    if (!created && !verifiedNow) return result;

    const raised = await raiseSuggestions(scope, contact.id, input.kind, normalized.key);
    result.suggestionIds = raised.map((r) => r.suggestion.id);
    const mergeable = raised.filter((r) => r.suggestion.status === 'open' && r.otherVerified);
    if (!identifier!.verified || mergeable.length === 0) return result;
    if (!(await getIdentitySettings(scope)).autoMergeVerified) return result;
    // Into the oldest contact: it is the one people already know (and link to).
    const ids = [contact.id, ...mergeable.map((r) => r.otherContactId)].sort((a, b) => a - b);
    const [keptContactId, ...others] = ids;
    for (const mergedContactId of others) {
      const merge = await mergeContacts(scope, {
        keptContactId: keptContactId!,
        mergedContactId,
        trigger: 'auto',
        actorUserId: actor,
      });
      result.autoMerges.push(merge);
    }
    result.contactId = keptContactId!;
    return result;
  });
}

/** The contact, following merges: a caller holding a merged-away id acts on the contact it became. */
async function liveContact(scope: Scope, contactId: number) {
  const contact = await survivingContact(scope, contactId);
  if (!contact) throw notFound('Contact');
  return contact;
}

/** The live contact `contactId` is, or was merged into (through any chain of merges); null when gone. */
export async function survivingContact(scope: Scope, contactId: number) {
  let id: number | null = contactId;
  for (let hops = 0; id !== null && hops < 20; hops++) {
    const contact: typeof contacts.$inferSelect | undefined = await scope.first(contacts, eq(contacts.id, id));
    if (!contact) break;
    if (!contact.mergedIntoId) return contact;
    id = contact.mergedIntoId;
  }
  return null;
}

async function fillEmptyField(
  scope: Scope,
  contact: typeof contacts.$inferSelect,
  kind: IdentifierKind,
  normalized: { value: string; country?: string },
  actor: number | null,
): Promise<boolean> {
  if (contact[kind]) return false;
  const update =
    kind === 'phone'
      ? { phone: normalized.value, ...(contact.country ? {} : { country: normalized.country ?? null }) }
      : { email: normalized.value };
  await scope.update(contacts, update, eq(contacts.id, contact.id));
  await recordActivity(scope, contact.id, 'field.changed', { field: kind, from: null, to: normalized.value }, actor);
  return true;
}
