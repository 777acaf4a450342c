import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { listConversationMessages, markConversationRead, sendReply } from '../messages/service';
import { assertConversationVisible, getConversation, listConversations } from './service';

const slugParams = z.object({ slug: z.string() });
const convParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

export function conversationRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/conversations',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: z.object({
          view: z.enum(['mine', 'unassigned', 'all']).default('all'),
          status: z.enum(['open', 'closed']).default('open'),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return { items: await listConversations(scope, member, req.query) };
    },
  );

  app.get(
    '/api/w/:slug/conversations/:id',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      return getConversation(scope, member, req.params.id);
    },
  );

  app.get(
    '/api/w/:slug/conversations/:id/messages',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: convParams,
        querystring: z.object({
          afterId: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return { items: await listConversationMessages(scope, req.params.id, req.query) };
    },
  );

  app.post(
    '/api/w/:slug/conversations/:id/messages',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: convParams,
        body: z.object({
          text: z.string().min(1).max(20_000),
          channelId: z.number().int().positive().optional(),
          replyToMessageId: z.number().int().positive().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return reply.status(201).send(await sendReply(ctx, scope, member, req.params.id, req.body));
    },
  );

  app.post(
    '/api/w/:slug/conversations/:id/read',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      await markConversationRead(scope, req.params.id);
      return reply.status(204).send();
    },
  );
}
