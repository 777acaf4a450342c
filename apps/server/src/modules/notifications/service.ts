import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { comments, contacts, conversations, notifications, users } from '../../db/schema';
import { notFound } from '../../http/errors';
import { contactName } from '../contacts/service';
import { visibility } from '../conversations/service';
import type { Member } from '../workspaces/service';

type NotificationKind = (typeof notifications.$inferInsert)['kind'];

/**
 * Inserts one notification per user ("you were mentioned", "a conversation was assigned to you") and tells
 * each of them over the socket.
 */
export async function createNotifications(
  ctx: Ctx,
  tx: Scope,
  kind: NotificationKind,
  userIds: number[],
  data: { conversationId: number; commentId?: number; actorUserId: number | null },
): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await tx
    .insert(
      notifications,
      userIds.map((userId) => ({ userId, kind, data })),
    )
    .returning();
  await ctx.events.emitMany(
    tx.unscopedDb,
    rows.map((n) => ({
      workspaceId: tx.workspaceId,
      type: 'notification.created' as const,
      data: { notificationId: n.id, userId: n.userId },
    })),
  );
}

const conversationIdOf = sql`(${notifications.data}->>'conversationId')::bigint`;
const commentIdOf = sql`(${notifications.data}->>'commentId')::bigint`;
const actorIdOf = sql`(${notifications.data}->>'actorUserId')::bigint`;
const actor = users;

/**
 * The member's notifications, newest first, with the comment text and the contact's name read now and
 * only for conversations the member can still see (access may have changed since).
 */
export async function listNotifications(scope: Scope, member: Member, opts: { id?: number } = {}) {
  const mine: SQL = and(scope.owns(notifications), eq(notifications.userId, member.userId))!;
  const rows = await scope.unscopedDb
    .select({ n: notifications, comment: comments, contact: contacts, actor: { id: actor.id, name: actor.name } })
    .from(notifications)
    .innerJoin(conversations, and(eq(conversations.id, conversationIdOf), scope.owns(conversations)))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(comments, and(eq(comments.id, commentIdOf), scope.owns(comments)))
    .leftJoin(actor, eq(actor.id, actorIdOf))
    .where(and(mine, visibility(member), opts.id ? eq(notifications.id, opts.id) : undefined))
    .orderBy(desc(notifications.id))
    .limit(50);
  const [counted] = await scope.unscopedDb
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(conversations, and(eq(conversations.id, conversationIdOf), scope.owns(conversations)))
    .where(and(mine, visibility(member), isNull(notifications.readAt)));
  const unread = counted?.n ?? 0;
  return {
    unread,
    items: rows.map((r) => ({
      id: r.n.id,
      kind: r.n.kind,
      conversationId: Number(r.n.data.conversationId),
      contactName: contactName(r.contact),
      actorName: r.actor?.id ? r.actor.name : null,
      excerpt: r.comment ? r.comment.body.slice(0, 200) : null,
      read: r.n.readAt !== null,
      createdAt: r.n.createdAt.toISOString(),
    })),
  };
}

export async function markNotificationRead(scope: Scope, member: Member, id: number): Promise<void> {
  const updated = await scope
    .update(notifications, { readAt: new Date() }, eq(notifications.id, id), eq(notifications.userId, member.userId))
    .returning({ id: notifications.id });
  if (updated.length === 0) throw notFound('Notification');
}

export async function markAllNotificationsRead(scope: Scope, member: Member): Promise<void> {
  await scope.update(
    notifications,
    { readAt: new Date() },
    eq(notifications.userId, member.userId),
    isNull(notifications.readAt),
  );
}
