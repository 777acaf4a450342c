import { templateDraftSchema } from '@charla/contracts/templates';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { audit } from '../audit/service';
import { loadChannelInScope } from '../channels/service';
import { createTemplate, listTemplates, serializeTemplate, syncTemplates } from './service';

const params = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

/** A channel's message templates: any member lists them (the composer's picker), managers sync them. */
export function templateRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/channels/:id/templates',
    { config: { access: ANY_MEMBER }, schema: { params } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      await loadChannelInScope(ctx, scope, req.params.id);
      return { items: (await listTemplates(scope, req.params.id)).map(serializeTemplate) };
    },
  );

  app.post(
    '/api/w/:slug/channels/:id/templates',
    {
      config: { access: { roles: ['owner', 'manager'], restriction: 'integrations' } },
      schema: { params, body: templateDraftSchema },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      const created = await createTemplate(ctx, scope, req.params.id, req.body);
      await audit(scope, req.member!.userId, 'channel.template_created', {
        channelId: req.params.id,
        name: created.name,
        language: created.language,
      });
      return reply.status(201).send({ template: serializeTemplate(created) });
    },
  );

  app.post(
    '/api/w/:slug/channels/:id/templates/sync',
    { config: { access: { roles: ['owner', 'manager'], restriction: 'integrations' } }, schema: { params } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const items = await syncTemplates(ctx, scope, req.params.id);
      await audit(scope, req.member!.userId, 'channel.templates_synced', {
        channelId: req.params.id,
        count: items.length,
      });
      return { items: items.map(serializeTemplate) };
    },
  );
}
