import { z } from 'zod';
import { type Access, memberOfRequest } from '../../http/access';
import type { Ctx } from '../../context';
import type { App } from '../../http/types';
import { createApiToken, listApiTokens, revokeApiToken } from './service';

const slugParams = z.object({ slug: z.string() });
/** Like channels: an integration, so managers the owner restricted from integrations are refused. */
const INTEGRATORS: Access = { roles: ['owner', 'manager'], restriction: 'integrations' };

/** Settings → API tokens (Tokens de API). The token itself is shown once, in the creation answer. */
export function apiTokenRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/api-tokens',
    { config: { access: INTEGRATORS }, schema: { params: slugParams } },
    async (req) => ({
      items: await listApiTokens(memberOfRequest(req).scope),
    }),
  );

  app.post(
    '/api/w/:slug/api-tokens',
    {
      config: { access: INTEGRATORS },
      schema: { params: slugParams, body: z.object({ name: z.string().trim().min(1).max(80) }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const created = await createApiToken(scope, req.body.name, member.userId);
      return reply.status(201).send({ id: created.id, name: req.body.name, token: created.token });
    },
  );

  app.delete(
    '/api/w/:slug/api-tokens/:tokenId',
    {
      config: { access: INTEGRATORS },
      schema: { params: slugParams.extend({ tokenId: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await revokeApiToken(ctx, scope, req.params.tokenId, member.userId);
      return reply.status(204).send();
    },
  );
}
