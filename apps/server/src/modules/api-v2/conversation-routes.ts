import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { memberships, users } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { createComment } from '../comments/service';
import { setContactAssignee } from '../contacts/inbox-state';
import { assignConversation, closeConversation } from '../conversations/actions';
import { openConversationFor, openConversationOf } from '../conversations/service';
import type { V2Registry } from './define';
import { contactOf } from './identifier';
import { assigneeBody, commentAnswer, commentBody, contactIdAnswer, contactParams, statusBody, unix } from './schemas';

const tag = 'Conversation';

/** A workspace member named by user id or email, or 404. */
async function memberUserId(scope: Scope, who: number | string): Promise<number> {
  const [row] = await scope.unscopedDb
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(scope.owns(memberships), typeof who === 'number' ? eq(users.id, who) : eq(users.email, who.toLowerCase())),
    );
  if (!row) throw notFound('User');
  return row.id;
}

export function conversationRoutes(v2: V2Registry, ctx: Ctx) {
  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier/conversation/assignee',
      tag,
      summary: 'Assign the contact (and its open conversation) to a user, or unassign with null',
      params: contactParams,
      body: assigneeBody,
      response: contactIdAnswer,
      errors: [404],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      const userId = body.assignee === null ? null : await memberUserId(scope, body.assignee);
      const open = await openConversationOf(scope, contact.id);
      if (open) {
        await assignConversation(ctx, scope, member, open.id, { userId, teamId: null });
      } else {
        await scope.transaction(async (tx, rawTx) => {
          await setContactAssignee(tx, contact.id, { userId, teamId: null });
          await ctx.events.emit(rawTx, scope.workspaceId, 'contact.updated', {
            contactId: contact.id,
            fields: ['assignee'],
          });
          await ctx.events.emit(rawTx, scope.workspaceId, 'contact.assignee.changed', { contactId: contact.id });
        });
      }
      return { contactId: contact.id };
    },
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier/conversation/status',
      tag,
      summary: "Open or close the contact's conversation (closing takes the workspace's closing notes)",
      params: contactParams,
      body: statusBody,
      response: contactIdAnswer,
      errors: [404, 409],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      if (body.status === 'open') {
        await scope.transaction((tx) => openConversationFor(ctx, tx, contact.id, 'api'));
        return { contactId: contact.id };
      }
      const open = await openConversationOf(scope, contact.id);
      if (!open) throw new AppError('conflict', 'already_closed', 'The contact has no open conversation');
      await closeConversation(ctx, scope, member, open.id, { category: body.category, summary: body.summary });
      return { contactId: contact.id };
    },
  );

  v2.route(
    {
      method: 'POST',
      url: '/v2/contact/:identifier/comment',
      tag: 'Comment',
      summary: 'Add an internal comment; `{{@user.ID}}` mentions a user',
      params: contactParams,
      body: commentBody,
      response: commentAnswer,
      errors: [404],
    },
    async ({ params, body, member, scope }) => {
      const contact = await contactOf(scope, member, params.identifier);
      const conversation =
        (await openConversationOf(scope, contact.id)) ??
        (await scope.transaction((tx) => openConversationFor(ctx, tx, contact.id, 'api'))).conversation;
      const mentions = [...body.text.matchAll(/\{\{@user\.(\d+)\}\}/g)].map((m) => Number(m[1]));
      const comment = await createComment(ctx, scope, member, conversation.id, { body: body.text, mentions });
      return { contactId: contact.id, text: comment.body, created_at: unix(new Date(comment.createdAt))! };
    },
  );
}
