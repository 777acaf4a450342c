import { chatMenuSchema } from '@charla/contracts/chat-menu';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, memberOfRequest } from '../../http/access';
import type { App } from '../../http/types';
import { audit } from '../audit/service';
import { getChatMenu, saveChatMenu } from './chat-menu';
import { createChannel, listChannels, serializeChannel, testChannelConnection } from './service';

export function channelRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/w/:slug/channels',
    { config: { access: ANY_MEMBER }, schema: { params: z.object({ slug: z.string() }) } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      return { items: (await listChannels(scope)).map((c) => serializeChannel(ctx, c)) };
    },
  );

  app.post(
    '/api/w/:slug/channels',
    {
      config: { access: { roles: ['owner', 'manager'], restriction: 'integrations' } },
      schema: {
        params: z.object({ slug: z.string() }),
        body: z.object({
          type: z.string(),
          name: z.string().trim().min(1).max(100),
          config: z.record(z.string(), z.unknown()).default({}),
        }),
      },
    },
    async (req, reply) => {
      const { scope } = memberOfRequest(req);
      const { channel, shownOnce } = await createChannel(ctx, scope, req.body);
      await audit(scope, req.member!.userId, 'channel.created', {
        channelId: channel.id,
        type: channel.type,
        name: channel.name,
      });
      return reply.status(201).send({ channel: serializeChannel(ctx, channel), ...shownOnce });
    },
  );

  app.post(
    '/api/w/:slug/channels/test-connection',
    {
      config: { access: { roles: ['owner', 'manager'], restriction: 'integrations' } },
      schema: {
        params: z.object({ slug: z.string() }),
        body: z.object({ type: z.string(), config: z.record(z.string(), z.unknown()).default({}) }),
      },
    },
    async (req) => {
      await testChannelConnection(ctx, req.body);
      return { ok: true };
    },
  );

  const menuAccess = { roles: ['owner', 'manager'] as const, restriction: 'integrations' as const };
  const menuParams = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

  app.get(
    '/api/w/:slug/channels/:id/chat-menu',
    { config: { access: menuAccess }, schema: { params: menuParams } },
    async (req) => getChatMenu(ctx, memberOfRequest(req).scope, req.params.id),
  );

  app.put(
    '/api/w/:slug/channels/:id/chat-menu',
    { config: { access: menuAccess }, schema: { params: menuParams, body: chatMenuSchema } },
    async (req) => {
      const { scope } = memberOfRequest(req);
      const saved = await saveChatMenu(ctx, scope, req.params.id, req.body);
      await audit(scope, req.member!.userId, 'channel.chat_menu_updated', {
        channelId: req.params.id,
        items: req.body.persistentMenu.length,
        iceBreakers: req.body.iceBreakers.length,
      });
      return saved;
    },
  );
}
