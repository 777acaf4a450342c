import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { assertConversationVisible } from '../conversations/service';
import { createComment, listComments } from './service';

const convParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

export function commentRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/conversations/:id/comments',
    { config: { access: ANY_MEMBER }, schema: { params: convParams } },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      await assertConversationVisible(scope, member, req.params.id);
      return { items: await listComments(scope, req.params.id) };
    },
  );

  app.post(
    '/api/w/:slug/conversations/:id/comments',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: convParams,
        body: z.object({
          body: z.string().min(1).max(10_000),
          mentions: z.array(z.number().int().positive()).max(50).default([]),
        }),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      return reply.status(201).send(await createComment(ctx, scope, member, req.params.id, req.body));
    },
  );
}
