import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { atLeastOneField } from '../../http/validation';
import { addTeamMember, createTeam, listTeams, removeTeamMember, renameTeam } from './service';

export function teamRoutes(app: App) {
  app.get(
    '/api/w/:slug/teams',
    { config: { access: ANY_MEMBER }, schema: { params: z.object({ slug: z.string() }) } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return { items: await listTeams(scope) };
    },
  );

  app.post(
    '/api/w/:slug/teams',
    {
      config: { access: MANAGERS },
      schema: {
        params: z.object({ slug: z.string() }),
        body: z.object({
          name: z.string().trim().min(1).max(100),
          capacity: z.number().int().min(1).nullable().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      const t = await createTeam(scope, req.body);
      return reply.status(201).send({ id: t.id, name: t.name, capacity: t.capacity, memberIds: [] });
    },
  );

  app.post(
    '/api/w/:slug/teams/:teamId/members',
    {
      config: { access: MANAGERS },
      schema: {
        params: z.object({ slug: z.string(), teamId: z.coerce.number().int() }),
        body: z.object({ userId: z.number().int() }),
      },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await addTeamMember(scope, req.params.teamId, req.body.userId);
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/w/:slug/teams/:teamId',
    {
      config: { access: MANAGERS },
      schema: {
        params: z.object({ slug: z.string(), teamId: z.coerce.number().int() }),
        body: atLeastOneField(
          z.object({
            name: z.string().trim().min(1).max(100).optional(),
            capacity: z.number().int().min(1).nullable().optional(),
          }),
        ),
      },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const t = await renameTeam(scope, req.params.teamId, req.body);
      return { id: t.id, name: t.name, capacity: t.capacity };
    },
  );

  app.delete(
    '/api/w/:slug/teams/:teamId/members/:userId',
    {
      config: { access: MANAGERS },
      schema: {
        params: z.object({ slug: z.string(), teamId: z.coerce.number().int(), userId: z.coerce.number().int() }),
      },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await removeTeamMember(scope, req.params.teamId, req.params.userId);
      return reply.status(204).send();
    },
  );
}
