import {
  forgotPasswordRequestSchema,
  loginRequestSchema,
  resetPasswordRequestSchema,
  updateMeRequestSchema,
} from '@charla/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../context';
import { users } from '../../db/schema';
import type { App } from '../../http/types';
import type { Mailer } from '../mail/mailer';
import { meResponse } from './me';
import { login, requestPasswordReset, resetPassword } from './service';
import { destroySession, SESSION_COOKIE } from './sessions';

export function setSessionCookie(ctx: Ctx, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    maxAge: ctx.config.sessionTtlDays * 86_400,
  });
}

export function authRoutes(app: App, ctx: Ctx, mailer: Mailer) {
  const loginLimit = {
    max: ctx.config.loginRateLimit,
    timeWindow: '1 minute',
    // After body parsing, so the key can include the account.
    hook: 'preHandler' as const,
    // Per client and per account, so one attacker cannot lock out everyone and cannot spray one account.
    keyGenerator: (req: { ip: string; body?: unknown }) =>
      `${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
  };

  app.get('/api/auth/csrf', { config: { access: 'public' } }, async (_req, reply) => {
    return { token: reply.generateCsrf() };
  });

  app.post(
    '/api/auth/login',
    { config: { access: 'public', rateLimit: loginLimit }, schema: { body: loginRequestSchema } },
    async (req, reply) => {
      const { user, token } = await login(ctx, req.body.email, req.body.password, req.headers['user-agent']);
      setSessionCookie(ctx, reply, token);
      return meResponse(ctx.db, user);
    },
  );

  app.post('/api/auth/logout', { config: { access: 'public' } }, async (req, reply) => {
    await destroySession(ctx.db, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post(
    '/api/auth/forgot',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: { body: forgotPasswordRequestSchema },
    },
    async (req, reply) => {
      await requestPasswordReset(ctx, mailer, req.body.email);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/reset',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: resetPasswordRequestSchema },
    },
    async (req, reply) => {
      await resetPassword(ctx, req.body.token, req.body.password);
      return reply.status(204).send();
    },
  );

  app.get('/api/me', { config: { access: 'session' } }, async (req) => meResponse(ctx.db, req.user!));

  app.patch('/api/me', { config: { access: 'session' }, schema: { body: updateMeRequestSchema } }, async (req) => {
    const { notifications, ...profile } = req.body;
    const [user] = await ctx.db
      .update(users)
      .set({ ...profile, notifyBrowser: notifications?.browser, notifySound: notifications?.sound })
      .where(eq(users.id, req.user!.id))
      .returning();
    return meResponse(ctx.db, user!);
  });
}
