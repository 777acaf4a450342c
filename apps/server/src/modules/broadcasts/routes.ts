import { broadcastInputSchema, RECIPIENT_STATUSES } from '@charla/contracts/broadcasts';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, MANAGERS, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { cancelBroadcast, retryFailed, sendBroadcast } from './lifecycle';
import { broadcastReport, listRecipients } from './report';
import {
  type Broadcast,
  createBroadcast,
  deleteBroadcast,
  getBroadcast,
  listBroadcasts,
  serializeBroadcast,
  updateBroadcast,
} from './service';
import type { Scope } from '../../db/scope';

const slugParams = z.object({ slug: z.string() });
const broadcastParams = z.object({ slug: z.string(), broadcastId: z.coerce.number().int().positive() });

const withReport = async (scope: Scope, b: Broadcast) => ({
  ...serializeBroadcast(b),
  report: await broadcastReport(scope, b.id),
});

/**
 * Broadcasts: owners and managers create, send, cancel and retry them; every member reads them (an agent
 * sees only the recipients their access level shows them).
 */
export function broadcastRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/broadcasts',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: slugParams,
        querystring: z.object({ before: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return { items: await listBroadcasts(scope, { before: req.query.before }) };
    },
  );

  app.post(
    '/api/w/:slug/broadcasts',
    { config: { access: MANAGERS }, schema: { params: slugParams, body: broadcastInputSchema } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      const b = await createBroadcast(ctx, scope, req.body, member.userId);
      return reply.status(201).send(await withReport(scope, b));
    },
  );

  app.get(
    '/api/w/:slug/broadcasts/:broadcastId',
    { config: { access: ANY_MEMBER }, schema: { params: broadcastParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return withReport(scope, await getBroadcast(scope, req.params.broadcastId));
    },
  );

  app.put(
    '/api/w/:slug/broadcasts/:broadcastId',
    { config: { access: MANAGERS }, schema: { params: broadcastParams, body: broadcastInputSchema } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return withReport(scope, await updateBroadcast(ctx, scope, req.params.broadcastId, req.body));
    },
  );

  app.delete(
    '/api/w/:slug/broadcasts/:broadcastId',
    { config: { access: MANAGERS }, schema: { params: broadcastParams } },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      await deleteBroadcast(scope, req.params.broadcastId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/w/:slug/broadcasts/:broadcastId/send',
    { config: { access: MANAGERS }, schema: { params: broadcastParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return withReport(scope, await sendBroadcast(ctx, scope, req.params.broadcastId));
    },
  );

  app.post(
    '/api/w/:slug/broadcasts/:broadcastId/cancel',
    { config: { access: MANAGERS }, schema: { params: broadcastParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return withReport(scope, await cancelBroadcast(ctx, scope, req.params.broadcastId));
    },
  );

  app.post(
    '/api/w/:slug/broadcasts/:broadcastId/retry',
    { config: { access: MANAGERS }, schema: { params: broadcastParams } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const { broadcast, retried } = await retryFailed(ctx, scope, req.params.broadcastId);
      return { ...(await withReport(scope, broadcast)), retried };
    },
  );

  app.get(
    '/api/w/:slug/broadcasts/:broadcastId/recipients',
    {
      config: { access: ANY_MEMBER },
      schema: {
        params: broadcastParams,
        querystring: z.object({
          status: z.enum(RECIPIENT_STATUSES).optional(),
          after: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      await getBroadcast(scope, req.params.broadcastId);
      return listRecipients(scope, member, req.params.broadcastId, req.query);
    },
  );
}
