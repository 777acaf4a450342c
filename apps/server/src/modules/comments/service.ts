import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { comments, conversations, memberships, teamMembers, users } from '../../db/schema';
import { invalid, notFound } from '../../http/errors';
import { recordActivity } from '../activities/service';
import { assertConversationVisible } from '../conversations/service';
import { createNotifications } from '../notifications/service';
import type { Member } from '../workspaces/service';

type CommentRow = typeof comments.$inferSelect;

function serializeComment(c: CommentRow, author: { id: number; name: string } | null, names: Map<number, string>) {
  return {
    id: c.id,
    conversationId: c.conversationId,
    contactId: c.contactId,
    body: c.body,
    author,
    mentions: c.mentions.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
    createdAt: c.createdAt.toISOString(),
  };
}
export type CommentDto = ReturnType<typeof serializeComment>;

async function loadComments(scope: Scope, where: ReturnType<typeof eq>) {
  const rows = await scope.unscopedDb
    .select({ comment: comments, author: { id: users.id, name: users.name } })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.userId))
    .where(and(scope.owns(comments), where))
    .orderBy(asc(comments.id))
    .limit(500);
  const mentioned = [...new Set(rows.flatMap((r) => r.comment.mentions))];
  const names = new Map<number, string>();
  if (mentioned.length > 0) {
    const people = await scope.unscopedDb
      .select({ id: users.id, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(scope.owns(memberships), inArray(users.id, mentioned)));
    for (const p of people) names.set(p.id, p.name);
  }
  return rows.map((r) => serializeComment(r.comment, r.author?.id ? r.author : null, names));
}

/** The internal comments of the conversation's contact, across its conversations, oldest first. */
export async function listComments(scope: Scope, conversationId: number) {
  const [conv] = await scope.find(conversations, eq(conversations.id, conversationId));
  if (!conv) throw notFound('Conversation');
  return loadComments(scope, eq(comments.contactId, conv.contactId));
}

export async function getComment(scope: Scope, id: number): Promise<CommentDto | undefined> {
  const [c] = await loadComments(scope, eq(comments.id, id));
  return c;
}

/** Whether another member may see the conversation (a mention must not reveal it to someone who may not). */
async function memberCanSee(scope: Scope, author: Member, userId: number, conversationId: number) {
  const [m] = await scope.find(memberships, eq(memberships.userId, userId));
  if (!m) return false;
  const teams = await scope.find(teamMembers, eq(teamMembers.userId, userId));
  const other: Member = {
    ...author,
    userId,
    role: m.role,
    accessLevel: m.role === 'agent' ? m.accessLevel : 'all',
    teamIds: teams.map((t) => t.teamId),
  };
  return assertConversationVisible(scope, other, conversationId).then(
    () => true,
    () => false,
  );
}

/**
 * An internal note (never sent to the contact). Members @mentioned who can see the conversation get an
 * in-app notification; other mentions are kept as text only. `author: null` is automation (a workflow
 * step), which mentions nobody.
 */
export async function createComment(
  ctx: Ctx,
  scope: Scope,
  author: Member | null,
  conversationId: number,
  input: { body: string; mentions: number[] },
): Promise<CommentDto> {
  const body = input.body.trim();
  if (!body) throw invalid('empty_comment', 'A comment needs text');
  const conv = author
    ? await assertConversationVisible(scope, author, conversationId)
    : await scope.first(conversations, eq(conversations.id, conversationId));
  if (!conv) throw notFound('Conversation');
  const mentioned = author ? [...new Set(input.mentions)] : [];
  const members = mentioned.length
    ? (await scope.find(memberships, inArray(memberships.userId, mentioned))).map((m) => m.userId)
    : [];
  const notify: number[] = [];
  for (const userId of members) {
    if (author && userId !== author.userId && (await memberCanSee(scope, author, userId, conversationId)))
      notify.push(userId);
  }
  const id = await scope.transaction(async (tx, rawTx) => {
    const [row] = await tx
      .insert(comments, {
        conversationId,
        contactId: conv.contactId,
        userId: author?.userId ?? null,
        body,
        mentions: members,
      })
      .returning();
    await recordActivity(
      tx,
      conv.contactId,
      'comment.created',
      { conversationId, commentId: row!.id },
      author?.userId ?? null,
    );
    await ctx.events.emit(rawTx, scope.workspaceId, 'comment.created', {
      commentId: row!.id,
      conversationId,
      mentions: notify,
    });
    if (author)
      await createNotifications(ctx, tx, 'mention', notify, {
        conversationId,
        commentId: row!.id,
        actorUserId: author.userId,
      });
    return row!.id;
  });
  return (await getComment(scope, id))!;
}
