import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { Scope } from '../db/scope';
import { conversations } from '../db/schema';
import { getConversation } from '../modules/conversations/service';
import { getMessageDto } from '../modules/messages/service';

/** The realtime concern: pushes message and conversation changes to the sockets allowed to see them. */
export function registerRealtimeListener(ctx: Ctx) {
  ctx.events.on(
    'realtime',
    [
      'message.created',
      'message.updated',
      'conversation.opened',
      'conversation.updated',
      'conversation.closed',
      'member.presence',
    ],
    async (event) => {
      const scope = new Scope(ctx.db, event.workspaceId);
      if (event.type === 'member.presence') {
        ctx.realtime.publishToMembers(event.workspaceId, 'presence', event.data);
        return;
      }
      const [conv] = await scope.find(conversations, eq(conversations.id, event.data.conversationId));
      if (!conv) return;
      const audience = {
        workspaceId: event.workspaceId,
        assigneeUserId: conv.assigneeUserId,
        assigneeTeamId: conv.assigneeTeamId,
      };
      if (event.type === 'message.created' || event.type === 'message.updated') {
        const message = await getMessageDto(scope, event.data.messageId).catch(() => null);
        if (message) await ctx.realtime.publish(audience, event.type, { conversationId: conv.id, message });
        return;
      }
      await ctx.realtime.publish(audience, 'conversation.updated', {
        conversation: await getConversation(scope, null, conv.id),
      });
    },
  );
}
