import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { conversations, memberships, teams } from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import { recordActivity } from '../activities/service';
import { createNotifications } from '../notifications/service';
import { setContactAssignee, setContactBlocked } from '../contacts/inbox-state';
import { closingNotesOf } from '../workspaces/closing-notes';
import type { Member, Workspace } from '../workspaces/service';
import { assertConversationVisible, type Conversation, getConversation } from './service';

/** "Until resumed" is stored as a far-future instant so readers only ever compare with now(). */
export const PAUSED_UNTIL_RESUMED = new Date('9999-12-31T00:00:00Z');

export const pausedNow = (conv: Pick<Conversation, 'botPausedUntil'>, now = Date.now()) =>
  conv.botPausedUntil !== null && conv.botPausedUntil.getTime() > now;

type Assignee = { userId: number | null; teamId: number | null };

/** Who changes a conversation: a member (checked against what they may see) or automation (a workflow). */
export type Actor = Member | { system: 'workflow'; workspace: Workspace };
const actorUserId = (a: Actor) => ('system' in a ? null : a.userId);
const isHuman = (a: Actor): a is Member => !('system' in a);

async function assertAssigneeExists(scope: Scope, a: Assignee) {
  if (a.userId && !(await scope.first(memberships, eq(memberships.userId, a.userId)))) throw notFound('Member');
  if (a.teamId && !(await scope.first(teams, eq(teams.id, a.teamId)))) throw notFound('Team');
}

/** Saves a change to one conversation with its activity row and events, in one transaction. */
async function change(
  ctx: Ctx,
  scope: Scope,
  actor: Actor,
  id: number,
  apply: (tx: Scope, conv: Conversation) => Promise<unknown>,
  /** The lifecycle event the change also is, besides `conversation.updated`. */
  lifecycle?: 'conversation.closed' | 'conversation.opened',
) {
  if (isHuman(actor)) await assertConversationVisible(scope, actor, id);
  await scope.transaction(async (tx, rawTx) => {
    // Locks the row: two agents acting at once are applied one after the other.
    const [conv] = await tx.find(conversations, eq(conversations.id, id)).for('update');
    if (!conv) throw notFound('Conversation');
    await apply(tx, conv);
    const base = { conversationId: conv.id, contactId: conv.contactId };
    const [after] = await tx.find(conversations, eq(conversations.id, id));
    const previous = { assigneeUserId: conv.assigneeUserId, assigneeTeamId: conv.assigneeTeamId };
    const moved =
      after!.assigneeUserId !== previous.assigneeUserId || after!.assigneeTeamId !== previous.assigneeTeamId;
    await ctx.events.emit(rawTx, scope.workspaceId, 'conversation.updated', moved ? { ...base, previous } : base);
    if (lifecycle === 'conversation.closed') {
      await ctx.events.emit(rawTx, scope.workspaceId, 'conversation.closed', base);
    }
    if (lifecycle === 'conversation.opened') {
      await ctx.events.emit(rawTx, scope.workspaceId, 'conversation.opened', { ...base, source: 'user' });
    }
  });
  // The actor may have lost sight of it (an assigned-only agent handing it over): answer with what they see.
  return getConversation(scope, isHuman(actor) ? actor : null, id).catch(() => null);
}

/**
 * Assigns (or unassigns) the conversation and the contact. A member handing it to a user is a human
 * taking over: the bot is paused until resumed, which stops the contact's workflow runs (SPEC §4).
 */
export function assignConversation(ctx: Ctx, scope: Scope, actor: Actor, id: number, to: Assignee) {
  return change(ctx, scope, actor, id, async (tx, conv) => {
    await assertAssigneeExists(tx, to);
    const takeover = isHuman(actor) && to.userId !== null && to.userId !== conv.assigneeUserId;
    await tx.update(
      conversations,
      {
        assigneeUserId: to.userId,
        assigneeTeamId: to.teamId,
        ...(takeover && !pausedNow(conv) ? { botPausedUntil: PAUSED_UNTIL_RESUMED } : {}),
      },
      eq(conversations.id, id),
    );
    await setContactAssignee(tx, conv.contactId, to);
    await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'contact.updated', {
      contactId: conv.contactId,
      fields: ['assignee'],
    });
    if (conv.assigneeUserId !== to.userId || conv.assigneeTeamId !== to.teamId) {
      await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'contact.assignee.changed', {
        contactId: conv.contactId,
      });
    }
    // The new assignee hears about it (in-app, and browser or sound per their settings), unless they took it themselves.
    if (to.userId !== null && to.userId !== conv.assigneeUserId && to.userId !== actorUserId(actor)) {
      await createNotifications(ctx, tx, 'assignment', [to.userId], {
        conversationId: id,
        actorUserId: actorUserId(actor),
      });
    }
    await recordActivity(
      tx,
      conv.contactId,
      'conversation.assigned',
      { conversationId: id, userId: to.userId, teamId: to.teamId },
      actorUserId(actor),
    );
  });
}

/** Closes with the closing note the workspace's mode asks for (categories from Settings → Closing notes). */
export function closeConversation(
  ctx: Ctx,
  scope: Scope,
  actor: Actor,
  id: number,
  note: { category?: string | null; summary?: string | null },
) {
  const settings = closingNotesOf(actor.workspace);
  const category = settings.mode === 'off' ? null : note.category?.trim() || null;
  const summary = settings.mode === 'off' ? null : note.summary?.trim() || null;
  if ((settings.mode === 'category' || settings.mode === 'required') && !category) {
    throw invalid('closing_category_required', 'Choose a closing category');
  }
  if (settings.mode === 'required' && !summary) throw invalid('closing_summary_required', 'Write a closing summary');
  if (category && settings.categories.length > 0 && !settings.categories.includes(category)) {
    throw invalid('unknown_closing_category', 'That closing category is not in Settings → Closing notes');
  }
  return change(
    ctx,
    scope,
    actor,
    id,
    async (tx, conv) => {
      if (conv.status === 'closed') throw new AppError('conflict', 'already_closed', 'The conversation is closed');
      await tx.update(
        conversations,
        { status: 'closed', closedAt: new Date(), closingCategory: category, closingSummary: summary, unreadCount: 0 },
        eq(conversations.id, id),
      );
      await recordActivity(
        tx,
        conv.contactId,
        'conversation.closed',
        { conversationId: id, category, summary },
        actorUserId(actor),
      );
    },
    'conversation.closed',
  );
}

export function reopenConversation(ctx: Ctx, scope: Scope, actor: Actor, id: number) {
  return change(
    ctx,
    scope,
    actor,
    id,
    async (tx, conv) => {
      if (conv.status === 'open') throw new AppError('conflict', 'already_open', 'The conversation is open');
      // One open conversation per contact (a partial unique index): a newer one may have opened meanwhile.
      const [other] = await tx.find(
        conversations,
        eq(conversations.contactId, conv.contactId),
        eq(conversations.status, 'open'),
      );
      if (other)
        throw new AppError('conflict', 'contact_has_open_conversation', 'The contact has an open conversation');
      await tx.update(
        conversations,
        { status: 'open', closedAt: null, closingCategory: null, closingSummary: null },
        eq(conversations.id, id),
      );
      await recordActivity(tx, conv.contactId, 'conversation.reopened', { conversationId: id }, actorUserId(actor));
    },
    'conversation.opened',
  );
}

/** Pauses automated replies for `minutes`, or until resumed (`minutes: null`); `paused: false` resumes. */
export function setBotPause(
  ctx: Ctx,
  scope: Scope,
  actor: Actor,
  id: number,
  input: { paused: boolean; minutes?: number | null },
) {
  return change(ctx, scope, actor, id, async (tx, conv) => {
    const until = !input.paused
      ? null
      : input.minutes
        ? sql`now() + make_interval(mins => ${input.minutes})`
        : PAUSED_UNTIL_RESUMED;
    await tx.update(conversations, { botPausedUntil: until }, eq(conversations.id, id));
    await recordActivity(
      tx,
      conv.contactId,
      input.paused ? 'conversation.bot_paused' : 'conversation.bot_resumed',
      { conversationId: id, minutes: input.paused ? (input.minutes ?? null) : null },
      actorUserId(actor),
    );
  });
}

export function setBlocked(ctx: Ctx, scope: Scope, actor: Actor, id: number, blocked: boolean) {
  return change(ctx, scope, actor, id, async (tx, conv) => {
    await setContactBlocked(tx, conv.contactId, blocked);
    await recordActivity(
      tx,
      conv.contactId,
      blocked ? 'contact.blocked' : 'contact.unblocked',
      { conversationId: id },
      actorUserId(actor),
    );
    await ctx.events.emit(tx.unscopedDb, scope.workspaceId, 'contact.updated', {
      contactId: conv.contactId,
      fields: ['blocked'],
    });
  });
}
