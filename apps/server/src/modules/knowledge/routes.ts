import { knowledgeInputSchema } from '@charla/contracts/knowledge';
import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { searchKnowledge } from './search';
import {
  createKnowledgeEntry,
  deleteKnowledgeEntry,
  getKnowledgeEntry,
  listKnowledge,
  updateKnowledgeEntry,
} from './service';

const slugParams = z.object({ slug: z.string() });
const entryParams = z.object({ slug: z.string(), entryId: z.coerce.number().int().positive() });

/** The knowledge matrix: every member reads it and tries retrieval; owners and managers maintain it. */
export function knowledgeRoutes(app: App) {
  app.get(
    '/api/w/:slug/knowledge',
    { config: { access: ANY_MEMBER }, schema: { params: slugParams } },
    async (req) => ({
      items: await listKnowledge(memberOfRequest(req).scope),
    }),
  );

  app.get(
    '/api/w/:slug/knowledge/search',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: z.object({
          q: z.string().max(2000).default(''),
          limit: z.coerce.number().int().min(1).max(20).default(5),
        }),
      },
    },
    async (req) => ({ hits: await searchKnowledge(memberOfRequest(req).scope, req.query.q, req.query.limit) }),
  );

  app.get(
    '/api/w/:slug/knowledge/:entryId',
    { config: { access: ANY_MEMBER }, schema: { params: entryParams } },
    async (req) => getKnowledgeEntry(memberOfRequest(req).scope, req.params.entryId),
  );

  app.post(
    '/api/w/:slug/knowledge',
    { config: { access: MANAGERS }, schema: { params: slugParams, body: knowledgeInputSchema } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      return reply.status(201).send(await createKnowledgeEntry(scope, member.userId, req.body));
    },
  );

  app.put(
    '/api/w/:slug/knowledge/:entryId',
    { config: { access: MANAGERS }, schema: { params: entryParams, body: knowledgeInputSchema } },
    async (req) => updateKnowledgeEntry(memberOfRequest(req).scope, req.params.entryId, req.body),
  );

  app.delete(
    '/api/w/:slug/knowledge/:entryId',
    { config: { access: MANAGERS }, schema: { params: entryParams } },
    async (req, reply) => {
      await deleteKnowledgeEntry(memberOfRequest(req).scope, req.params.entryId);
      return reply.status(204).send();
    },
  );
}
