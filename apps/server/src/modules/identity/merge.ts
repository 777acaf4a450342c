import { eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import {
  activities,
  comments,
  contactChannels,
  contactIdentifiers,
  contactMerges,
  contacts,
  contactTags,
  conversations,
  messages,
} from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import { recordActivity } from '../activities/service';
import { contactName } from '../contacts/service';
import { isoOrNull, type MergeSnapshot } from './merge-snapshot';
import type { IdentifierKind } from './normalize';
import { idIn, idsWhere } from './row-ids';
import { raiseSuggestions, setPairStatus } from './suggestions';
import { moveDeliveriesOnMerge } from '../webhooks/merge';

type Contact = typeof contacts.$inferSelect;
type Conversation = typeof conversations.$inferSelect;

/** The standard fields an agent picks a winner for; `country` follows `phone`. */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'language',
  'avatarUrl',
  'lifecycleStage',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type FieldChoice = 'kept' | 'merged';

export interface MergeInput {
  keptContactId: number;
  mergedContactId: number;
  /** Per field, whose value survives. Default: the kept contact's when not empty, else the merged one's. */
  fields?: Partial<Record<MergeField, FieldChoice>>;
  customFields?: Record<string, FieldChoice>;
  trigger: 'manual' | 'auto';
  actorUserId: number | null;
}

export interface MergeResult {
  mergeId: number;
  keptContactId: number;
  mergedContactId: number;
  /** Conversations whose contact or content changed (for realtime updates). */
  conversationIds: number[];
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * Merges `mergedContactId` into `keptContactId` in one transaction: every channel address, conversation,
 * message, comment, identifier, tag and activity moves to the kept contact; two open conversations become
 * one (the merged contact's closes with category `merged`, its messages and comments join the kept one).
 * The merged contact's row stays as a tombstone (`merged_into_id`) and everything moved is recorded in
 * `contact_merges`, so {@link splitMerge} can restore both contacts exactly.
 *
 * Merging reaches into the conversations and messages tables on purpose: it is the one operation that
 * re-parents another module's rows, and doing it here keeps it in one transaction and one place.
 */
export async function mergeContacts(outer: Scope, input: MergeInput): Promise<MergeResult> {
  const { keptContactId: keptId, mergedContactId: mergedId } = input;
  if (keptId === mergedId) throw invalid('same_contact', 'A contact cannot be merged into itself');
  return outer.transaction(async (scope) => {
    const locked = await scope.find(contacts, inArray(contacts.id, [keptId, mergedId])).for('update');
    const kept = locked.find((c) => c.id === keptId);
    const merged = locked.find((c) => c.id === mergedId);
    if (!kept || !merged) throw notFound('Contact');
    if (kept.mergedIntoId || merged.mergedIntoId) {
      throw new AppError('conflict', 'already_merged', 'One of these contacts was already merged into another');
    }

    const { fields, customFields, update } = chooseFields(kept, merged, input);
    const combined = await combineOpenConversations(scope, keptId, mergedId);
    const moved = await moveRows(scope, keptId, mergedId);

    const [keptAfter] = await scope
      .update(contacts, { ...update, updatedAt: new Date() }, eq(contacts.id, keptId))
      .returning();
    await scope.update(contacts, { mergedIntoId: keptId }, eq(contacts.id, mergedId));
    await moveDeliveriesOnMerge(scope, keptId, mergedId);

    const snapshot: MergeSnapshot = {
      version: 1,
      kept: {
        fields,
        customFields,
        updatedAtBefore: kept.updatedAt.toISOString(),
        updatedAtAfter: keptAfter!.updatedAt.toISOString(),
      },
      merged: { updatedAtBefore: merged.updatedAt.toISOString() },
      moved: moved.moved,
      verifiedIdentifierIds: moved.verifiedIdentifierIds,
      combined,
    };
    const [record] = await scope
      .insert(contactMerges, {
        keptContactId: keptId,
        mergedContactId: mergedId,
        trigger: input.trigger,
        actorUserId: input.actorUserId,
        snapshot: snapshot as unknown as Record<string, unknown>,
      })
      .returning();
    await setPairStatus(scope, keptId, mergedId, 'merged', input.actorUserId);
    await recordActivity(
      scope,
      keptId,
      'contact.merged',
      { mergeId: record!.id, mergedContactId: mergedId, mergedName: contactName(merged), trigger: input.trigger },
      input.actorUserId,
    );
    await audit(scope, input.actorUserId, 'contact.merge', { mergeId: record!.id, keptId, mergedId });
    // Identifiers the kept contact gained may be shared with third contacts.
    for (const identifier of moved.movedIdentifiers) {
      await raiseSuggestions(scope, keptId, identifier.kind, identifier.key);
    }
    const conversationIds = [...moved.moved.conversationIds];
    if (combined) conversationIds.push(combined.keptConversationId);
    return { mergeId: record!.id, keptContactId: keptId, mergedContactId: mergedId, conversationIds };
  });
}

function chooseFields(kept: Contact, merged: Contact, input: MergeInput) {
  const fields: MergeSnapshot['kept']['fields'] = {};
  const update: Partial<Contact> = {};
  const pick = <V>(choice: FieldChoice | undefined, k: V, m: V) =>
    (choice ?? (isEmpty(k) ? 'merged' : 'kept')) === 'merged' ? m : k;
  for (const field of MERGE_FIELDS) {
    const value = pick(input.fields?.[field], kept[field], merged[field]);
    if (value === kept[field]) continue;
    fields[field] = { before: kept[field], after: value };
    Object.assign(update, { [field]: value });
    if (field === 'phone' && kept.country !== merged.country) {
      fields.country = { before: kept.country, after: merged.country };
      update.country = merged.country;
    }
  }
  const customFields: MergeSnapshot['kept']['customFields'] = {};
  const nextCustom = { ...kept.customFields };
  for (const key of new Set([...Object.keys(kept.customFields), ...Object.keys(merged.customFields)])) {
    const value = pick(input.customFields?.[key], kept.customFields[key] ?? null, merged.customFields[key] ?? null);
    if (value === (kept.customFields[key] ?? null)) continue;
    customFields[key] = { before: kept.customFields[key] ?? null, after: value };
    if (value === null) delete nextCustom[key];
    else nextCustom[key] = value;
  }
  if (Object.keys(customFields).length > 0) update.customFields = nextCustom;
  return { fields, customFields, update };
}

async function openConversation(scope: Scope, contactId: number): Promise<Conversation | undefined> {
  return scope.first(conversations, eq(conversations.contactId, contactId), eq(conversations.status, 'open'));
}

/** Both contacts have an open conversation: one contact may only have one, so they become one. */
async function combineOpenConversations(
  scope: Scope,
  keptId: number,
  mergedId: number,
): Promise<MergeSnapshot['combined']> {
  const kc = await openConversation(scope, keptId);
  const mc = await openConversation(scope, mergedId);
  if (!kc || !mc) return null;
  await scope.update(
    conversations,
    {
      status: 'closed',
      closedAt: new Date(),
      closingCategory: 'merged',
      closingSummary: `Merged into conversation #${kc.id}`,
    },
    eq(conversations.id, mc.id),
  );
  const messageIds = await idsWhere(scope, messages, eq(messages.conversationId, mc.id));
  const commentIds = await idsWhere(scope, comments, eq(comments.conversationId, mc.id));
  await scope.update(messages, { conversationId: kc.id }, eq(messages.conversationId, mc.id));
  await scope.update(comments, { conversationId: kc.id }, eq(comments.conversationId, mc.id));
  const mergedIsNewer = (mc.lastMessageAt?.getTime() ?? 0) > (kc.lastMessageAt?.getTime() ?? 0);
  const latest = mergedIsNewer ? mc : kc;
  await scope.update(
    conversations,
    {
      lastMessageId: latest.lastMessageId,
      lastMessageAt: latest.lastMessageAt,
      lastChannelId: latest.lastChannelId,
      unreadCount: kc.unreadCount + mc.unreadCount,
    },
    eq(conversations.id, kc.id),
  );
  return {
    keptConversationId: kc.id,
    mergedConversationId: mc.id,
    messageIds,
    commentIds,
    keptBefore: {
      lastMessageId: kc.lastMessageId,
      lastMessageAt: isoOrNull(kc.lastMessageAt),
      lastChannelId: kc.lastChannelId,
      unreadCount: kc.unreadCount,
    },
    keptAfter: { lastMessageId: latest.lastMessageId },
    mergedBefore: {
      status: mc.status,
      closedAt: isoOrNull(mc.closedAt),
      closingCategory: mc.closingCategory,
      closingSummary: mc.closingSummary,
    },
    unreadAdded: mc.unreadCount,
  };
}

/**
 * Re-parents the merged contact's rows. Identifiers and tags the kept contact already has stay on the
 * tombstone (the unique keys allow one per contact), so a split finds them where they were.
 */
async function moveRows(scope: Scope, keptId: number, mergedId: number) {
  const keptIdentifiers = await scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, keptId));
  const mergedIdentifiers = await scope.find(contactIdentifiers, eq(contactIdentifiers.contactId, mergedId));
  const keptByKey = new Map(keptIdentifiers.map((i) => [`${i.kind}:${i.key}`, i]));
  const movedIdentifiers: { id: number; kind: IdentifierKind; key: string }[] = [];
  const verifiedIdentifierIds: number[] = [];
  for (const identifier of mergedIdentifiers) {
    const twin = keptByKey.get(`${identifier.kind}:${identifier.key}`);
    if (!twin) movedIdentifiers.push(identifier);
    else if (identifier.verified && !twin.verified) verifiedIdentifierIds.push(twin.id);
  }
  const identifierIds = movedIdentifiers.map((i) => i.id);
  if (identifierIds.length > 0) {
    await scope.update(contactIdentifiers, { contactId: keptId }, idIn(contactIdentifiers.id, identifierIds));
  }
  if (verifiedIdentifierIds.length > 0) {
    await scope.update(contactIdentifiers, { verified: true }, idIn(contactIdentifiers.id, verifiedIdentifierIds));
  }

  const keptTags = await scope.find(contactTags, eq(contactTags.contactId, keptId));
  const mergedTags = await scope.find(contactTags, eq(contactTags.contactId, mergedId));
  const tagIds = mergedTags.map((t) => t.tagId).filter((id) => !keptTags.some((k) => k.tagId === id));
  if (tagIds.length > 0) {
    await scope.update(
      contactTags,
      { contactId: keptId },
      eq(contactTags.contactId, mergedId),
      idIn(contactTags.tagId, tagIds),
    );
  }

  const moved: MergeSnapshot['moved'] = {
    channelIds: await idsWhere(scope, contactChannels, eq(contactChannels.contactId, mergedId)),
    identifierIds,
    tagIds,
    activityIds: await idsWhere(scope, activities, eq(activities.contactId, mergedId)),
    conversationIds: await idsWhere(scope, conversations, eq(conversations.contactId, mergedId)),
    messageIds: await idsWhere(scope, messages, eq(messages.contactId, mergedId)),
    commentIds: await idsWhere(scope, comments, eq(comments.contactId, mergedId)),
  };
  await scope.update(contactChannels, { contactId: keptId }, eq(contactChannels.contactId, mergedId));
  await scope.update(activities, { contactId: keptId }, eq(activities.contactId, mergedId));
  // The merged contact's open conversation (if any) was closed above, so the one-open index holds.
  await scope.update(conversations, { contactId: keptId }, eq(conversations.contactId, mergedId));
  await scope.update(messages, { contactId: keptId }, eq(messages.contactId, mergedId));
  await scope.update(comments, { contactId: keptId }, eq(comments.contactId, mergedId));
  return { moved, movedIdentifiers, verifiedIdentifierIds };
}
