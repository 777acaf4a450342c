import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { Scope } from '../db/scope';
import { contacts, conversations, notifications } from '../db/schema';
import type { DomainEventName } from '../events/types';
import { getComment } from '../modules/comments/service';
import { serializeContact } from '../modules/contacts/service';
import { getConversation } from '../modules/conversations/service';
import { getMessageDto } from '../modules/messages/service';

/** The domain events pushed to browsers (under the same names, except conversation.* → conversation.updated). */
export const REALTIME_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.opened',
  'conversation.updated',
  'conversation.closed',
  'contact.created',
  'contact.updated',
  'comment.created',
  'notification.created',
  'member.presence',
] as const satisfies DomainEventName[];

/** The realtime concern: pushes changes to the sockets allowed to see them. */
export function registerRealtimeListener(ctx: Ctx) {
  ctx.events.live('realtime', [...REALTIME_EVENTS], async (event) => {
    if (!ctx.realtime.mayHaveAudience(event.workspaceId)) return;
    const scope = new Scope(ctx.db, event.workspaceId);
    const ws = event.workspaceId;
    switch (event.type) {
      case 'member.presence':
        ctx.realtime.publishToMembers(ws, 'presence', event.data);
        return;
      case 'notification.created': {
        // Only to the notified member, and only if the notification is theirs in this workspace.
        const [n] = await scope.find(notifications, eq(notifications.id, event.data.notificationId));
        if (n) ctx.realtime.publishToUser(ws, n.userId, 'notification.created', { notificationId: n.id });
        return;
      }
      case 'contact.created':
      case 'contact.updated': {
        const [contact] = await scope.find(contacts, eq(contacts.id, event.data.contactId));
        if (!contact) return;
        const audience = {
          workspaceId: ws,
          assigneeUserId: contact.assigneeUserId,
          assigneeTeamId: contact.assigneeTeamId,
        };
        await ctx.realtime.publish(audience, 'contact.updated', { contact: serializeContact(contact) });
        return;
      }
      default: {
        const [conv] = await scope.find(conversations, eq(conversations.id, event.data.conversationId));
        if (!conv) return;
        const audience = { workspaceId: ws, assigneeUserId: conv.assigneeUserId, assigneeTeamId: conv.assigneeTeamId };
        if (event.type === 'comment.created') {
          const comment = await getComment(scope, event.data.commentId);
          if (comment) await ctx.realtime.publish(audience, 'comment.created', { conversationId: conv.id, comment });
          return;
        }
        if (event.type === 'message.created' || event.type === 'message.updated') {
          const message = await getMessageDto(scope, event.data.messageId).catch(() => null);
          if (message) await ctx.realtime.publish(audience, event.type, { conversationId: conv.id, message });
          return;
        }
        await ctx.realtime.publish(audience, 'conversation.updated', {
          conversation: await getConversation(scope, null, conv.id),
        });
        const previous = event.type === 'conversation.updated' ? event.data.previous : undefined;
        if (previous) {
          await ctx.realtime.publishLoss({ workspaceId: ws, ...previous }, audience, 'conversation.removed', {
            conversationId: conv.id,
          });
        }
      }
    }
  });
}
