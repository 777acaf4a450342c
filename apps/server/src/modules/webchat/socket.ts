import type { Socket } from 'socket.io';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { rooms, VISITOR_NAMESPACE } from '../../realtime/server';
import { loadChannelById } from '../channels/service';
import { contactAddresses, contactByAddress } from '../contacts/service';
import { assertConversationVisible, openConversationOf } from '../conversations/service';
import type { Member } from '../workspaces/service';
import { originAllowed } from './origin';
import { loadWebchat, type WebchatChannel } from './service';
import { readVisitorToken, type Visitor } from './visitor-token';

const selfOrigin = (socket: Socket) => {
  const proto =
    String(socket.handshake.headers['x-forwarded-proto'] ?? '').split(',')[0] ||
    (socket.handshake.secure ? 'https' : 'http');
  return `${proto}://${socket.handshake.headers.host}`;
};

/**
 * Realtime for web chat. Visitors connect to their own namespace with their visitor token and join exactly
 * one room, their address's (agent replies arrive there from the adapter's send()); the agents' namespace
 * is never reachable with a visitor token. Typing is relayed both ways without storing anything.
 */
export function attachWebchatSockets(ctx: Ctx) {
  const io = ctx.realtime.io;
  if (!io) throw new Error('attachWebchatSockets: realtime is not attached');
  const nsp = io.of(VISITOR_NAMESPACE);

  nsp.use(async (socket, next) => {
    try {
      const channel = await loadWebchat(ctx, Number(socket.handshake.auth?.channel));
      if (!originAllowed(socket.handshake.headers, selfOrigin(socket), channel.config.allowedOrigins))
        return next(new Error('origin_not_allowed'));
      const visitor = readVisitorToken(ctx, String(socket.handshake.auth?.token ?? ''), channel.id);
      if (!visitor || visitor.workspaceId !== channel.workspaceId) return next(new Error('invalid_visitor_token'));
      socket.data.visitor = visitor;
      socket.data.channel = channel;
      await socket.join(rooms.visitor(channel.id, visitor.externalId));
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const { visitor, channel } = socket.data as { visitor: Visitor; channel: WebchatChannel };
    socket.on('typing', (typing: unknown) => {
      void visitorTyping(ctx, channel, visitor, typing === true).catch((err) =>
        ctx.log.debug({ err }, 'visitor typing relay failed'),
      );
    });
  });

  io.on('connection', (socket) => {
    socket.on('agent.typing', (payload: unknown) => {
      const { member, scope } = socket.data as { member?: Member; scope?: Scope };
      const p = payload as { conversationId?: unknown; typing?: unknown } | null;
      if (!member || !scope || typeof p?.conversationId !== 'number') return;
      void agentTyping(ctx, scope, member, p.conversationId, p.typing === true).catch((err) =>
        ctx.log.debug({ err }, 'agent typing relay failed'),
      );
    });
  });
}

async function visitorTyping(ctx: Ctx, channel: WebchatChannel, visitor: Visitor, typing: boolean) {
  const contact = await contactByAddress(channel.scope, channel.id, visitor.externalId);
  const conv = contact ? await openConversationOf(channel.scope, contact.id) : null;
  if (!conv) return;
  await ctx.realtime.publish(
    { workspaceId: channel.workspaceId, assigneeUserId: conv.assigneeUserId, assigneeTeamId: conv.assigneeTeamId },
    'visitor.typing',
    { conversationId: conv.id, contactId: conv.contactId, typing },
  );
}

/** Only an agent who may see the conversation can show "typing" to its visitor. */
async function agentTyping(ctx: Ctx, scope: Scope, member: Member, conversationId: number, typing: boolean) {
  const conv = await assertConversationVisible(scope, member, conversationId);
  for (const address of await contactAddresses(scope, conv.contactId)) {
    const ch = await loadChannelById(ctx, address.channelId);
    if (ch?.type === 'webchat') await ctx.realtime.publishToVisitor(ch.id, address.externalId, 'typing', { typing });
  }
}
