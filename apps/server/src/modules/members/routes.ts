import { acceptInviteRequestSchema, accessLevelSchema, roleSchema } from '@charla/contracts';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { ANY_MEMBER, MANAGERS, memberOfRequest, OWNER } from '../../http/access';
import type { App } from '../../http/types';
import { meResponse } from '../auth/me';
import { setSessionCookie } from '../auth/routes';
import { createSession } from '../auth/sessions';
import type { Mailer } from '../mail/mailer';
import { acceptInvite, describeInvite, inviteMember, listMembers, listOutbox, setPresence } from './service';

const slugParams = z.object({ slug: z.string() });

export function memberRoutes(app: App, ctx: Ctx, mailer: Mailer) {
  app.get('/api/w/:slug/members', { config: { access: ANY_MEMBER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listMembers(scope) };
  });

  app.post(
    '/api/w/:slug/invites',
    {
      config: { access: MANAGERS },
      schema: {
        params: slugParams,
        body: z.object({ email: z.email(), role: roleSchema, accessLevel: accessLevelSchema.default('all') }),
      },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await inviteMember(ctx, mailer, scope, member, req.body);
      return reply.status(201).send({ email: req.body.email.toLowerCase(), status: 'invited' });
    },
  );

  app.get(
    '/api/invites/:token',
    { config: { access: 'public' }, schema: { params: z.object({ token: z.string() }) } },
    async (req) => describeInvite(ctx, req.params.token),
  );

  app.post(
    '/api/invites/:token/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { params: z.object({ token: z.string() }), body: acceptInviteRequestSchema },
    },
    async (req, reply) => {
      const user = await acceptInvite(ctx, req.params.token, req.body);
      setSessionCookie(
        ctx,
        reply,
        await createSession(ctx.db, user.id, ctx.config.sessionTtlDays, req.headers['user-agent']),
      );
      return meResponse(ctx.db, user);
    },
  );

  app.put(
    '/api/w/:slug/presence',
    {
      config: { access: ANY_MEMBER },
      schema: { params: slugParams, body: z.object({ status: z.enum(['online', 'away', 'offline']) }) },
    },
    async (req, reply) => {
      const { member, scope } = memberOfRequest(req);
      await setPresence(ctx, scope, member.userId, req.body.status);
      return reply.status(204).send();
    },
  );

  app.get('/api/w/:slug/outbox', { config: { access: OWNER }, schema: { params: slugParams } }, async (req) => {
    const { scope } = memberOfRequest(req);
    return { items: await listOutbox(scope) };
  });
}
