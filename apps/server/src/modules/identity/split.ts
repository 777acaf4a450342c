import { eq, inArray } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope, TenantTable } from '../../db/scope';
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
import { AppError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import { recordActivity } from '../activities/service';
import { dateOrNull, type MergeSnapshot } from './merge-snapshot';
import { idIn } from './row-ids';
import { setPairStatus } from './suggestions';

type Contact = typeof contacts.$inferSelect;

/**
 * Undoes a merge (Separar): every row the merge moved goes back to the merged contact, the combined
 * conversation is taken apart again, the kept contact's overwritten fields get their old values and the
 * merged contact comes back with its id. Rows created on the kept contact after the merge (new messages,
 * notes, tags, identifiers) stay with the kept contact: the merge record names rows by id, and those are
 * not in it. A field edited after the merge keeps the edit. The pair is then dismissed, so the same two
 * contacts are not suggested (or auto-merged) again.
 */
export async function splitMerge(outer: Scope, mergeId: number, actorUserId: number | null) {
  return outer.transaction(async (scope) => {
    const [record] = await scope.find(contactMerges, eq(contactMerges.id, mergeId)).for('update');
    if (!record) throw notFound('Merge');
    if (record.splitAt) throw new AppError('conflict', 'already_split', 'This merge was already undone');
    const keptId = record.keptContactId;
    const mergedId = record.mergedContactId;
    const locked = await scope.find(contacts, inArray(contacts.id, [keptId, mergedId])).for('update');
    const kept = locked.find((c) => c.id === keptId)!;
    if (kept.mergedIntoId) {
      throw new AppError(
        'conflict',
        'kept_contact_merged',
        'The kept contact was merged into another one since: undo that merge first',
      );
    }
    const snapshot = record.snapshot as unknown as MergeSnapshot;

    await uncombineConversations(scope, snapshot);
    const { moved } = snapshot;
    await moveBack(scope, conversations, moved.conversationIds, keptId, mergedId);
    if (snapshot.combined) await reopenMergedConversation(scope, snapshot.combined);
    await moveBack(scope, messages, moved.messageIds, keptId, mergedId);
    await moveBack(scope, comments, moved.commentIds, keptId, mergedId);
    await moveBack(scope, contactChannels, moved.channelIds, keptId, mergedId);
    await moveBack(scope, contactIdentifiers, moved.identifierIds, keptId, mergedId);
    await moveBack(scope, activities, moved.activityIds, keptId, mergedId);
    if (snapshot.verifiedIdentifierIds.length > 0)
      await scope.update(
        contactIdentifiers,
        { verified: false },
        idIn(contactIdentifiers.id, snapshot.verifiedIdentifierIds),
      );
    if (moved.tagIds.length > 0) {
      const tagRows = [eq(contactTags.contactId, keptId), idIn(contactTags.tagId, moved.tagIds)];
      await scope.update(contactTags, { contactId: mergedId }, ...tagRows);
    }

    await scope.update(contacts, restoredFields(kept, snapshot), eq(contacts.id, keptId));
    await scope.update(
      contacts,
      { mergedIntoId: null, updatedAt: new Date(snapshot.merged.updatedAtBefore) },
      eq(contacts.id, mergedId),
    );
    await scope.update(contactMerges, { splitAt: new Date(), splitBy: actorUserId }, eq(contactMerges.id, mergeId));
    await setPairStatus(scope, keptId, mergedId, 'dismissed', actorUserId);
    for (const contactId of [keptId, mergedId]) {
      await recordActivity(
        scope,
        contactId,
        'contact.split',
        { mergeId, keptContactId: keptId, mergedContactId: mergedId },
        actorUserId,
      );
    }
    await audit(scope, actorUserId, 'contact.split', { mergeId, keptId, mergedId });
    return { mergeId, keptContactId: keptId, mergedContactId: mergedId, conversationIds: moved.conversationIds };
  });
}

type ContactOwned = TenantTable & { id: PgColumn; contactId: PgColumn };

/** Rows named by the merge record that are still on the kept contact go back to the merged one. */
async function moveBack(scope: Scope, table: ContactOwned, ids: number[], keptId: number, mergedId: number) {
  if (ids.length === 0) return;
  await scope.update(table, { contactId: mergedId } as never, eq(table.contactId, keptId), idIn(table.id, ids));
}

/** Messages and comments that came from the merged contact's open conversation go back to it. */
async function uncombineConversations(scope: Scope, snapshot: MergeSnapshot) {
  const c = snapshot.combined;
  if (!c) return;
  const onKeptConversation = (column: PgColumn) => eq(column, c.keptConversationId);
  if (c.messageIds.length > 0)
    await scope.update(
      messages,
      { conversationId: c.mergedConversationId },
      onKeptConversation(messages.conversationId),
      idIn(messages.id, c.messageIds),
    );
  if (c.commentIds.length > 0)
    await scope.update(
      comments,
      { conversationId: c.mergedConversationId },
      onKeptConversation(comments.conversationId),
      idIn(comments.id, c.commentIds),
    );
  const [kc] = await scope.find(conversations, eq(conversations.id, c.keptConversationId));
  if (!kc) return;
  // Untouched since the merge: exactly as before. Otherwise keep what happened since, minus the unread we added.
  const untouched = kc.lastMessageId === c.keptAfter.lastMessageId;
  await scope.update(
    conversations,
    untouched
      ? {
          lastMessageId: c.keptBefore.lastMessageId,
          lastMessageAt: dateOrNull(c.keptBefore.lastMessageAt),
          lastChannelId: c.keptBefore.lastChannelId,
          unreadCount: c.keptBefore.unreadCount,
        }
      : { unreadCount: Math.max(0, kc.unreadCount - c.unreadAdded) },
    eq(conversations.id, kc.id),
  );
}

async function reopenMergedConversation(scope: Scope, c: NonNullable<MergeSnapshot['combined']>) {
  await scope.update(
    conversations,
    {
      status: c.mergedBefore.status,
      closedAt: dateOrNull(c.mergedBefore.closedAt),
      closingCategory: c.mergedBefore.closingCategory,
      closingSummary: c.mergedBefore.closingSummary,
    },
    eq(conversations.id, c.mergedConversationId),
  );
}

/** The kept contact's fields as before the merge, except those edited since (the later edit wins). */
function restoredFields(kept: Contact, snapshot: MergeSnapshot): Partial<Contact> {
  const update: Record<string, unknown> = {};
  let allRestored = true;
  for (const [field, { before, after }] of Object.entries(snapshot.kept.fields)) {
    if (kept[field as keyof Contact] === after) update[field] = before;
    else allRestored = false;
  }
  const custom = { ...kept.customFields };
  for (const [key, { before, after }] of Object.entries(snapshot.kept.customFields)) {
    if ((custom[key] ?? null) !== after) {
      allRestored = false;
      continue;
    }
    if (before === null) delete custom[key];
    else custom[key] = before;
  }
  if (Object.keys(snapshot.kept.customFields).length > 0) update.customFields = custom;
  const untouched = kept.updatedAt.toISOString() === snapshot.kept.updatedAtAfter;
  update.updatedAt = untouched && allRestored ? new Date(snapshot.kept.updatedAtBefore) : new Date();
  return update as Partial<Contact>;
}
