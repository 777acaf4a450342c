/**
 * What a merge changed, stored as JSON on `contact_merges.snapshot` so that a split can put every row back.
 * Rows are named by id: rows created on the kept contact after the merge are not listed, so they stay there.
 * Versioned because merges outlive deploys.
 */
export interface MergeSnapshotV1 {
  version: 1;
  kept: {
    /** Contact fields the merge overwrote: old value and the value the merge wrote. */
    fields: Record<string, { before: unknown; after: unknown }>;
    /** Custom field values the merge overwrote (absent before = null). */
    customFields: Record<string, { before: unknown; after: unknown }>;
    updatedAtBefore: string;
    updatedAtAfter: string;
  };
  merged: { updatedAtBefore: string };
  moved: {
    channelIds: number[];
    identifierIds: number[];
    /** Tags the merged contact had and the kept one did not (contact_tags rows moved over). */
    tagIds: number[];
    activityIds: number[];
    conversationIds: number[];
    messageIds: number[];
    commentIds: number[];
  };
  /** The kept contact's identifiers that became verified because the merged contact's copy was. */
  verifiedIdentifierIds: number[];
  /** Both had an open conversation: the merged one's messages and comments joined the kept one. */
  combined: null | {
    keptConversationId: number;
    mergedConversationId: number;
    messageIds: number[];
    commentIds: number[];
    keptBefore: {
      lastMessageId: number | null;
      lastMessageAt: string | null;
      lastChannelId: number | null;
      unreadCount: number;
    };
    keptAfter: { lastMessageId: number | null };
    mergedBefore: {
      status: 'open' | 'closed';
      closedAt: string | null;
      closingCategory: string | null;
      closingSummary: string | null;
    };
    unreadAdded: number;
  };
}

export type MergeSnapshot = MergeSnapshotV1;

export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
export const dateOrNull = (s: string | null) => (s ? new Date(s) : null);
