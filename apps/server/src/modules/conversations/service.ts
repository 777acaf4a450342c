import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { channels, contacts, conversations, messages, teams, users } from '../../db/schema';
import { notFound } from '../../http/errors';
import { contactName } from '../contacts/service';
import { assigneeVisibility } from '../contacts/visibility';
import type { Member } from '../workspaces/service';

export type Conversation = typeof conversations.$inferSelect;

const lastMessage = alias(messages, 'last_message');

/** Conversations with what a list row and the header show. Callers add `scope.owns(conversations)`. */
export function baseQuery(scope: Scope) {
  return scope.unscopedDb
    .select({
      conversation: conversations,
      contact: contacts,
      assignee: { id: users.id, name: users.name },
      team: { id: teams.id, name: teams.name },
      lastMessage,
      channel: channels,
      // The exact sort key as text (microseconds intact), so a page cursor neither skips nor repeats rows.
      sortKey: sql<string>`coalesce(${conversations.lastMessageAt}, ${conversations.openedAt})::text`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, conversations.assigneeUserId))
    .leftJoin(teams, eq(teams.id, conversations.assigneeTeamId))
    .leftJoin(lastMessage, eq(lastMessage.id, conversations.lastMessageId))
    .leftJoin(channels, eq(channels.id, conversations.lastChannelId));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['where']>>[number];

export function serializeConversation(r: Row) {
  return {
    id: r.conversation.id,
    status: r.conversation.status,
    contact: {
      id: r.contact.id,
      name: contactName(r.contact),
      firstName: r.contact.firstName,
      lastName: r.contact.lastName,
      phone: r.contact.phone,
      email: r.contact.email,
      blocked: r.contact.blocked,
    },
    assignee: r.assignee?.id ? { id: r.assignee.id, name: r.assignee.name } : null,
    assigneeTeamId: r.conversation.assigneeTeamId,
    assigneeTeam: r.team?.id ? { id: r.team.id, name: r.team.name } : null,
    lastMessage: r.lastMessage
      ? {
          body: r.lastMessage.body,
          direction: r.lastMessage.direction,
          createdAt: r.lastMessage.createdAt.toISOString(),
        }
      : null,
    lastChannel: r.channel ? { id: r.channel.id, type: r.channel.type, name: r.channel.name } : null,
    unreadCount: r.conversation.unreadCount,
    openedAt: r.conversation.openedAt.toISOString(),
    closedAt: r.conversation.closedAt?.toISOString() ?? null,
    closingCategory: r.conversation.closingCategory,
    closingSummary: r.conversation.closingSummary,
    botPausedUntil: r.conversation.botPausedUntil?.toISOString() ?? null,
  };
}
export type ConversationDto = ReturnType<typeof serializeConversation>;

export const visibility = (member: Member) =>
  assigneeVisibility(member, { userId: conversations.assigneeUserId, teamId: conversations.assigneeTeamId });

/** A conversation the member may see, or 404 (never 403: existence is not revealed). */
export async function getConversation(scope: Scope, member: Member | null, id: number): Promise<ConversationDto> {
  const [row] = await baseQuery(scope).where(
    and(scope.owns(conversations), eq(conversations.id, id), member ? visibility(member) : undefined),
  );
  if (!row) throw notFound('Conversation');
  return serializeConversation(row);
}

export async function getConversationsByIds(scope: Scope, ids: number[]): Promise<ConversationDto[]> {
  if (ids.length === 0) return [];
  const rows = await baseQuery(scope).where(and(scope.owns(conversations), inArray(conversations.id, ids)));
  return rows.map(serializeConversation);
}

/**
 * The contact's open conversation, opened now if there is none. The partial unique index makes a
 * concurrent open a no-op instead of a second conversation.
 */
export async function openConversationFor(
  ctx: Ctx,
  scope: Scope,
  contactId: number,
  source: Exclude<Conversation['openedBy'], 'broadcast'>,
  /** Who a conversation opened now is assigned to (an existing one keeps its assignee). */
  assigneeUserId: number | null = null,
): Promise<{ conversation: Conversation; opened: boolean }> {
  const [existing] = await scope.find(
    conversations,
    eq(conversations.contactId, contactId),
    eq(conversations.status, 'open'),
  );
  if (existing) return { conversation: existing, opened: false };
  // The partial unique index (one open conversation per contact) settles a race with another writer:
  // the loser inserts nothing and reads the winner's row.
  const [inserted] = await scope
    .insert(conversations, { contactId, status: 'open', openedBy: source, assigneeUserId })
    .onConflictDoNothing({ target: conversations.contactId, where: sql`status = 'open'` })
    .returning();
  const conversation =
    inserted ??
    (await scope.find(conversations, eq(conversations.contactId, contactId), eq(conversations.status, 'open')))[0];
  const opened = inserted !== undefined;
  if (opened) {
    await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'conversation.opened', {
      conversationId: conversation!.id,
      contactId,
      source,
    });
  }
  return { conversation: conversation!, opened };
}

export async function assertConversationVisible(scope: Scope, member: Member, id: number): Promise<Conversation> {
  const [c] = await scope.find(conversations, eq(conversations.id, id), visibility(member));
  if (!c) throw notFound('Conversation');
  return c;
}

/** The contact's open conversation, if any (without opening one). */
export async function openConversationOf(scope: Scope, contactId: number): Promise<Conversation | null> {
  const [c] = await scope.find(conversations, eq(conversations.contactId, contactId), eq(conversations.status, 'open'));
  return c ?? null;
}

/**
 * Where a message the contact did not ask for (a broadcast) is kept: their open conversation, else their
 * latest one, else a new closed one — so a broadcast fills nobody's inbox; the contact's reply opens a
 * conversation as usual.
 */
export async function conversationToWriteIn(scope: Scope, contactId: number): Promise<Conversation> {
  const [latest] = await scope
    .find(conversations, eq(conversations.contactId, contactId))
    .orderBy(sql`${conversations.status} = 'open' desc`, desc(conversations.id))
    .limit(1);
  if (latest) return latest;
  const [created] = await scope
    .insert(conversations, { contactId, status: 'closed', openedBy: 'broadcast', closedAt: new Date() })
    .returning();
  return created!;
}
