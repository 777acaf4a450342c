import { and, desc, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../db/scope';
import { contactChannels, contactIdentifiers, contacts, mergeSuggestions } from '../../db/schema';
import { notFound } from '../../http/errors';
import { contactName } from '../contacts/service';
import { assigneeVisibility } from '../contacts/visibility';
import type { Member } from '../workspaces/service';
import type { IdentifierKind } from './normalize';

export type MergeSuggestion = typeof mergeSuggestions.$inferSelect;

/** Pairs are stored lower id first, so (x, y) and (y, x) are one row. */
export const orderedPair = (x: number, y: number) => ({ contactAId: Math.min(x, y), contactBId: Math.max(x, y) });

/**
 * Raises a suggestion between `contactId` and every other live contact holding the same identifier key.
 * An existing pair (open, dismissed or merged) is left as it is: that is how a dismissal is remembered.
 * Returns each pair with whether the other contact's identifier is verified (for auto-merge).
 */
export async function raiseSuggestions(scope: Scope, contactId: number, kind: IdentifierKind, key: string) {
  const others = await scope.unscopedDb
    .selectDistinctOn([contactIdentifiers.contactId], {
      contactId: contactIdentifiers.contactId,
      verified: contactIdentifiers.verified,
    })
    .from(contactIdentifiers)
    .innerJoin(contacts, eq(contacts.id, contactIdentifiers.contactId))
    .where(
      and(
        scope.owns(contactIdentifiers),
        scope.owns(contacts),
        eq(contactIdentifiers.kind, kind),
        eq(contactIdentifiers.key, key),
        ne(contactIdentifiers.contactId, contactId),
        isNull(contacts.mergedIntoId),
      ),
    )
    .orderBy(contactIdentifiers.contactId);
  const raised: { suggestion: MergeSuggestion; otherContactId: number; otherVerified: boolean }[] = [];
  for (const other of others) {
    const suggestion = await suggestPair(scope, contactId, other.contactId, kind, key);
    raised.push({ suggestion, otherContactId: other.contactId, otherVerified: other.verified });
  }
  return raised;
}

/** Why two contacts may be one person: a shared phone or email, or a provider naming one as the other's address. */
export type SuggestionReason = MergeSuggestion['reasonKind'];

/**
 * Suggests merging two contacts, unless the pair already has a row (open, dismissed or merged), which is
 * left as it is. Returns the pair's row.
 */
export async function suggestPair(
  scope: Scope,
  x: number,
  y: number,
  reasonKind: SuggestionReason,
  reasonValue: string,
) {
  const pair = orderedPair(x, y);
  await scope.insert(mergeSuggestions, { ...pair, reasonKind, reasonValue }).onConflictDoNothing();
  const suggestion = await scope.first(
    mergeSuggestions,
    eq(mergeSuggestions.contactAId, pair.contactAId),
    eq(mergeSuggestions.contactBId, pair.contactBId),
  );
  return suggestion!;
}

/** Sets the pair's status after a merge or a split (a split means "not the same person": dismissed). */
export async function setPairStatus(
  scope: Scope,
  x: number,
  y: number,
  status: 'merged' | 'dismissed',
  actorUserId: number | null,
) {
  const pair = orderedPair(x, y);
  await scope.update(
    mergeSuggestions,
    {
      status,
      updatedAt: new Date(),
      ...(status === 'dismissed' ? { dismissedBy: actorUserId, dismissedAt: new Date() } : {}),
    },
    eq(mergeSuggestions.contactAId, pair.contactAId),
    eq(mergeSuggestions.contactBId, pair.contactBId),
  );
}

const contactA = alias(contacts, 'contact_a');
const contactB = alias(contacts, 'contact_b');

function suggestionQuery(scope: Scope, member: Member, ...conditions: (SQL | undefined)[]) {
  return scope.unscopedDb
    .select({ suggestion: mergeSuggestions, a: contactA, b: contactB })
    .from(mergeSuggestions)
    .innerJoin(contactA, eq(contactA.id, mergeSuggestions.contactAId))
    .innerJoin(contactB, eq(contactB.id, mergeSuggestions.contactBId))
    .where(
      and(
        scope.owns(mergeSuggestions),
        eq(contactA.workspaceId, scope.workspaceId),
        eq(contactB.workspaceId, scope.workspaceId),
        // An agent sees a pair only when they may see both contacts: the other's name is not theirs to read.
        assigneeVisibility(member, { userId: contactA.assigneeUserId, teamId: contactA.assigneeTeamId }),
        assigneeVisibility(member, { userId: contactB.assigneeUserId, teamId: contactB.assigneeTeamId }),
        ...conditions,
      ),
    );
}

type SuggestionRow = Awaited<ReturnType<typeof suggestionQuery>>[number];

const summary = (c: SuggestionRow['a']) => ({
  id: c.id,
  name: contactName(c),
  phone: c.phone,
  email: c.email,
  createdAt: c.createdAt.toISOString(),
});

function serializeSuggestion(r: SuggestionRow) {
  return {
    id: r.suggestion.id,
    reasonKind: r.suggestion.reasonKind,
    reasonValue: r.suggestion.reasonValue,
    status: r.suggestion.status,
    createdAt: r.suggestion.createdAt.toISOString(),
    contacts: [summary(r.a), summary(r.b)],
  };
}

/**
 * Open suggestions the member may act on, newest first: both contacts live (not merged away) and still
 * sharing an identifier (an edit or a split may have removed what they had in common).
 */
export async function listOpenSuggestions(scope: Scope, member: Member, opts: { contactId?: number; limit?: number }) {
  // A `channel` reason (a provider said one contact is reached at the other's address) holds while one of
  // the two still has that address.
  const stillShared = sql`(exists (
    select 1 from ${contactIdentifiers} ia
    join ${contactIdentifiers} ib on ib.kind = ia.kind and ib.key = ia.key and ib.workspace_id = ia.workspace_id
    where ia.workspace_id = ${scope.workspaceId} and ia.contact_id = ${contactA.id} and ib.contact_id = ${contactB.id})
    or (${mergeSuggestions.reasonKind} = 'channel' and exists (
    select 1 from ${contactChannels} cc where cc.workspace_id = ${scope.workspaceId}
    and cc.contact_id in (${contactA.id}, ${contactB.id}) and cc.external_id = ${mergeSuggestions.reasonValue})))`;
  const rows = await suggestionQuery(
    scope,
    member,
    eq(mergeSuggestions.status, 'open'),
    isNull(contactA.mergedIntoId),
    isNull(contactB.mergedIntoId),
    stillShared,
    opts.contactId
      ? or(eq(mergeSuggestions.contactAId, opts.contactId), eq(mergeSuggestions.contactBId, opts.contactId))
      : undefined,
  )
    .orderBy(desc(mergeSuggestions.id))
    .limit(Math.min(opts.limit ?? 100, 500));
  return rows.map(serializeSuggestion);
}

/** Dismisses a pair for good ("not the same person"); 404 when the member may not see both contacts. */
export async function dismissSuggestion(scope: Scope, member: Member, id: number) {
  const [row] = await suggestionQuery(scope, member, eq(mergeSuggestions.id, id));
  if (!row) throw notFound('Suggestion');
  if (row.suggestion.status === 'open') {
    await scope.update(
      mergeSuggestions,
      { status: 'dismissed', dismissedBy: member.userId, dismissedAt: new Date(), updatedAt: new Date() },
      eq(mergeSuggestions.id, id),
    );
  }
  const [updated] = await suggestionQuery(scope, member, eq(mergeSuggestions.id, id));
  return serializeSuggestion(updated!);
}
