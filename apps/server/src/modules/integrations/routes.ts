import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { type Access, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { workspaceById } from '../workspaces/service';
import { describeGoogleSheets, googleSheetsInputSchema, saveGoogleSheets, testGoogleSheets } from './google-sheets';

const INTEGRATORS: Access = { roles: ['owner', 'manager'], restriction: 'integrations' };
const slugParams = z.object({ slug: z.string() });

/** The current workspace row (the guard's copy may predate a save in this request's flow). */
const freshWorkspace = async (ctx: Ctx, req: FastifyRequest) =>
  (await workspaceById(ctx.db, memberOfRequest(req).member.workspace.id))!;

export function integrationRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/integrations/google-sheets',
    { config: { access: INTEGRATORS }, schema: { params: slugParams } },
    async (req) => describeGoogleSheets(await freshWorkspace(ctx, req)),
  );

  app.put(
    '/api/w/:slug/integrations/google-sheets',
    { config: { access: INTEGRATORS }, schema: { params: slugParams, body: googleSheetsInputSchema } },
    async (req) => saveGoogleSheets(ctx, memberOfRequest(req).scope, await freshWorkspace(ctx, req), req.body),
  );

  app.post(
    '/api/w/:slug/integrations/google-sheets/test',
    { config: { access: INTEGRATORS }, schema: { params: slugParams } },
    async (req, reply) => {
      await testGoogleSheets(ctx, await freshWorkspace(ctx, req));
      return reply.status(204).send();
    },
  );
}
