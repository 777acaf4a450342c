import { z } from 'zod';
import { webchatConfigSchema, webchatSettingsSchema } from '../../channels/webchat/schema';
import type { Ctx } from '../../context';
import { MANAGERS, memberOfRequest } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import type { App } from '../../http/types';
import { audit } from '../audit/service';
import { loadChannelInScope, updateChannelConfig } from '../channels/service';

const params = z.object({ slug: z.string(), id: z.coerce.number().int().positive() });

/** The one-line install snippet for a site. */
export const webchatSnippet = (publicUrl: string, channelId: number) =>
  `<script src="${publicUrl}/widget.js" data-channel="${channelId}" async></script>`;

/** Settings → Channels → Web chat → Personalizar: read and change everything but the secret. */
export function webchatSettingsRoutes(app: App, ctx: Ctx) {
  async function load(scope: Parameters<typeof loadChannelInScope>[1], id: number) {
    const ch = await loadChannelInScope(ctx, scope, id);
    if (ch.type !== 'webchat') throw notFound('Web chat channel');
    return webchatConfigSchema.parse(ch.config);
  }

  app.get('/api/w/:slug/channels/:id/webchat', { config: { access: MANAGERS }, schema: { params } }, async (req) => {
    const { scope } = memberOfRequest(req);
    const { secret: _secret, ...settings } = await load(scope, req.params.id);
    return { settings, snippet: webchatSnippet(ctx.publicUrl(), req.params.id) };
  });

  app.put(
    '/api/w/:slug/channels/:id/webchat',
    {
      config: { access: { roles: ['owner', 'manager'], restriction: 'integrations' } },
      // Partial: absent keys keep their value. Validated against the full schema below.
      schema: { params, body: z.record(z.string(), z.unknown()) },
    },
    async (req) => {
      const { member, scope } = memberOfRequest(req);
      const current = await load(scope, req.params.id);
      const parsed = webchatSettingsSchema.safeParse({ ...current, ...req.body });
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new AppError('invalid', 'invalid_channel_config', `Invalid web chat settings: ${detail}`);
      }
      await updateChannelConfig(ctx, scope, req.params.id, { ...parsed.data, secret: current.secret });
      await audit(scope, member.userId, 'channel.updated', { channelId: req.params.id, type: 'webchat' });
      return { settings: parsed.data, snippet: webchatSnippet(ctx.publicUrl(), req.params.id) };
    },
  );
}
