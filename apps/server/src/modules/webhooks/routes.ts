import { z } from 'zod';
import type { Ctx } from '../../context';
import { type Access, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { WEBHOOK_EVENTS } from './events';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from './service';

const slugParams = z.object({ slug: z.string() });
const webhookParams = slugParams.extend({ webhookId: z.coerce.number().int().positive() });
/** Like API tokens: an integration, so managers restricted from integrations are refused. */
const INTEGRATORS: Access = { roles: ['owner', 'manager'], restriction: 'integrations' };
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1);
const url = z.string().trim().url().max(2000);

/** Settings → Integrations → Webhooks (outgoing webhooks, their delivery log and manual redeliver). */
export function webhookRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/webhooks',
    { config: { access: INTEGRATORS }, schema: { params: slugParams } },
    async (req) => ({
      items: await listWebhooks(memberOfRequest(req).scope),
      events: WEBHOOK_EVENTS,
    }),
  );

  app.post(
    '/api/w/:slug/webhooks',
    { config: { access: INTEGRATORS }, schema: { params: slugParams, body: z.object({ url, events }) } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      return reply.status(201).send(await createWebhook(ctx, scope, member.userId, req.body));
    },
  );

  app.patch(
    '/api/w/:slug/webhooks/:webhookId',
    {
      config: { access: INTEGRATORS },
      schema: {
        params: webhookParams,
        body: z.object({ url: url.optional(), events: events.optional(), enabled: z.boolean().optional() }),
      },
    },
    async (req) => updateWebhook(ctx, memberOfRequest(req).scope, req.params.webhookId, req.body),
  );

  app.delete(
    '/api/w/:slug/webhooks/:webhookId',
    { config: { access: INTEGRATORS }, schema: { params: webhookParams } },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await deleteWebhook(scope, member.userId, req.params.webhookId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/w/:slug/webhooks/:webhookId/deliveries',
    { config: { access: INTEGRATORS }, schema: { params: webhookParams } },
    async (req) => ({ items: await listDeliveries(memberOfRequest(req).scope, req.params.webhookId) }),
  );

  app.post(
    '/api/w/:slug/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    {
      config: { access: INTEGRATORS },
      schema: { params: webhookParams.extend({ deliveryId: z.coerce.number().int().positive() }) },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(await redeliver(ctx, memberOfRequest(req).scope, req.params.webhookId, req.params.deliveryId)),
  );
}
