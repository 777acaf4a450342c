import { and, desc, eq, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactChannels, contactTags, contacts, conversations, messages } from '../../db/schema';
import { invalid, notFound } from '../../http/errors';
import type { Member } from '../workspaces/service';
import { baseQuery, serializeConversation, visibility } from './service';
import { phoneSearchCondition } from '../contacts/service';

export type ConversationView = 'mine' | 'unassigned' | 'all' | 'team';

export interface ListOptions {
  view: ConversationView;
  teamId?: number;
  status: 'open' | 'closed';
  channelId?: number;
  tagId?: number;
  search?: string;
  cursor?: string;
  limit?: number;
}

const sortKey = sql`coalesce(${conversations.lastMessageAt}, ${conversations.openedAt})`;

/** `%q%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** A page cursor is the last row's exact sort key and id; opaque to clients. */
function encodeCursor(key: string, id: number): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}
function decodeCursor(cursor: string): { key: string; id: number } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof key === 'string' && Number.isInteger(id) && !Number.isNaN(Date.parse(key))) {
      return { key, id: id as number };
    }
  } catch {
    // fall through
  }
  throw invalid('invalid_cursor', 'The cursor is not one this API returned');
}

/** Which team views a member may open: their own teams, or every team for managers and owners. */
export function assertTeamView(member: Member, teamId: number | undefined): number {
  if (!teamId) throw invalid('team_required', 'The team view needs a teamId');
  if (member.role === 'agent' && !member.teamIds.includes(teamId)) throw notFound('Team');
  return teamId;
}

/** The view's condition (mine / unassigned / a team / all) over conversations. */
export function viewCondition(member: Member, view: ConversationView, teamId?: number): SQL | undefined {
  if (view === 'mine') return eq(conversations.assigneeUserId, member.userId);
  if (view === 'unassigned') return and(isNull(conversations.assigneeUserId), isNull(conversations.assigneeTeamId));
  if (view === 'team') return eq(conversations.assigneeTeamId, assertTeamView(member, teamId));
  return undefined;
}

/**
 * Contact name, phone or email, or any message of the contact, contains the text. Name and message text
 * use the trigram indexes (contacts_name_trgm, messages_body_trgm).
 */
function searchCondition(scope: Scope, member: Member, q: string): SQL {
  const like = likePattern(q);
  const fullName = sql`(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, ''))`;
  return or(
    sql`${fullName} ilike ${like}`,
    sql`${contacts.email} ilike ${like}`,
    phoneSearchCondition(q, member.workspace),
    sql`exists (select 1 from ${messages} where ${messages.contactId} = ${contacts.id} and ${scope.owns(messages)} and ${messages.body} ilike ${like})`,
  )!;
}

/** One page of the inbox, newest activity first, within what the member may see. */
export async function listConversations(scope: Scope, member: Member, opts: ListOptions) {
  const limit = Math.min(opts.limit ?? 50, 500);
  const cursor = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  const q = opts.search?.trim();
  const conditions: (SQL | undefined)[] = [
    scope.owns(conversations),
    eq(conversations.status, opts.status),
    visibility(member),
    viewCondition(member, opts.view, opts.teamId),
    opts.channelId
      ? sql`exists (select 1 from ${contactChannels} where ${contactChannels.contactId} = ${conversations.contactId} and ${contactChannels.channelId} = ${opts.channelId} and ${scope.owns(contactChannels)})`
      : undefined,
    opts.tagId
      ? sql`exists (select 1 from ${contactTags} where ${contactTags.contactId} = ${conversations.contactId} and ${contactTags.tagId} = ${opts.tagId} and ${scope.owns(contactTags)})`
      : undefined,
    q ? searchCondition(scope, member, q) : undefined,
    cursor ? sql`(${sortKey}, ${conversations.id}) < (${cursor.key}::timestamptz, ${cursor.id})` : undefined,
  ];
  const rows = await baseQuery(scope)
    .where(and(...conditions))
    .orderBy(desc(sortKey), desc(conversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(serializeConversation),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.conversation.id) : null,
  };
}

/** Open conversations with unread messages, per view (and per team the member may open). */
export async function unreadCounts(scope: Scope, member: Member) {
  const where = and(
    scope.owns(conversations),
    eq(conversations.status, 'open'),
    gt(conversations.unreadCount, 0),
    visibility(member),
  );
  const [totals] = await scope.unscopedDb
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`(count(*) filter (where ${viewCondition(member, 'mine')}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${viewCondition(member, 'unassigned')}))::int`,
    })
    .from(conversations)
    .where(where);
  const perTeam = await scope.unscopedDb
    .select({ teamId: conversations.assigneeTeamId, unread: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(where, sql`${conversations.assigneeTeamId} is not null`))
    .groupBy(conversations.assigneeTeamId);
  const teams = perTeam
    .filter((t) => member.role !== 'agent' || member.teamIds.includes(t.teamId!))
    .map((t) => ({ teamId: t.teamId!, unread: t.unread }));
  return { all: totals?.all ?? 0, mine: totals?.mine ?? 0, unassigned: totals?.unassigned ?? 0, teams };
}
