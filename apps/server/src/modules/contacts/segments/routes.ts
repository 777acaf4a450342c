import { segmentInputSchema } from '@charla/contracts';
import { z } from 'zod';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../../http/access';
import type { App } from '../../../http/types';
import { createSegment, deleteSegment, getSegment, listSegments, serializeSegment, updateSegment } from './service';

const slugParams = z.object({ slug: z.string() });
const segmentParams = z.object({ slug: z.string(), segmentId: z.coerce.number().int().positive() });

/** Segments are shared by the workspace: owners and managers shape them, every member filters by them. */
export function segmentRoutes(app: App) {
  app.get('/api/w/:slug/segments', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: (await listSegments(scope)).map(serializeSegment) };
  });

  app.get(
    '/api/w/:slug/segments/:segmentId',
    { config: { access: ANY_MEMBER }, schema: { params: segmentParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return serializeSegment(await getSegment(scope, req.params.segmentId));
    },
  );

  app.post(
    '/api/w/:slug/segments',
    { config: { access: MANAGERS }, schema: { params: slugParams, body: segmentInputSchema } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      return reply.status(201).send(serializeSegment(await createSegment(scope, req.body, member.userId)));
    },
  );

  app.patch(
    '/api/w/:slug/segments/:segmentId',
    { config: { access: MANAGERS }, schema: { params: segmentParams, body: segmentInputSchema.partial() } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return serializeSegment(await updateSegment(scope, req.params.segmentId, req.body));
    },
  );

  app.delete(
    '/api/w/:slug/segments/:segmentId',
    { config: { access: MANAGERS }, schema: { params: segmentParams } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await deleteSegment(scope, req.params.segmentId);
      return reply.status(204).send();
    },
  );
}
