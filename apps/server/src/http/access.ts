import type { ManagerRestriction, Role } from '@charla/contracts';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Ctx } from '../context';
import { Scope } from '../db/scope';
import { apiTokenGuard } from '../modules/api-v2/auth';
import { SESSION_COOKIE, type SessionUser, userForSession } from '../modules/auth/sessions';
import { type Member, memberOf } from '../modules/workspaces/service';
import { AppError, forbidden } from './errors';

/**
 * Who may call a route. Every route must declare one (registration fails otherwise), which is what lets
 * the tenant-isolation suite enumerate and attack every route.
 * - `public`: anyone (login, health, static assets).
 * - `webhook`: providers; the handler verifies a signature before touching anything.
 * - `session`: any logged-in user, outside a workspace.
 * - `api`: the developer API (`/v2`): a bearer API token, which names the workspace (see api-v2/auth.ts).
 * - `{ roles }`: a member of the `:slug` workspace with one of these roles; managers are also refused
 *   when the owner restricted them from `restriction`.
 */
export type Access =
  | 'public'
  | 'webhook'
  | 'session'
  | 'api'
  | { roles: readonly Role[]; restriction?: ManagerRestriction };

export const ANY_MEMBER: Access = { roles: ['owner', 'manager', 'agent'] };
export const MANAGERS: Access = { roles: ['owner', 'manager'] };
export const OWNER: Access = { roles: ['owner'] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user?: SessionUser;
    member?: Member;
    scope?: Scope;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function assertRouteDeclaresAccess(route: RouteOptions): void {
  const access = (route.config as { access?: Access } | undefined)?.access;
  if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
  if (typeof access === 'object' && !route.url.includes(':slug')) {
    throw new Error(`Route ${route.method} ${route.url} is workspace-scoped but has no :slug parameter`);
  }
}

/** The single place that authenticates requests and checks roles. */
export function accessGuard(ctx: Ctx) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public' || access === 'webhook' || access === 'api') return;
    const user = await userForSession(ctx.db, req.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError('unauthenticated', 'unauthenticated', 'Log in first');
    req.user = user;
    if (!SAFE_METHODS.has(req.method) && !csrfPassed(req, reply)) return reply;
    if (access === 'session') return;
    const slug = (req.params as { slug?: string }).slug ?? '';
    const member = await memberOf(ctx.db, user.id, slug);
    // Not a member and no such workspace look the same: workspace names are not enumerable.
    if (!member) throw new AppError('not_found', 'not_found', 'Workspace not found');
    if (!access.roles.includes(member.role)) throw forbidden();
    if (access.restriction && member.restrictions.includes(access.restriction)) throw forbidden();
    req.member = member;
    req.scope = new Scope(ctx.db, member.workspace.id);
  };
}

/**
 * The developer API's guard (bearer token and rate limit), run on request, before the body is read and
 * validated: a caller without a valid token always gets 401, and a throttled one 429, whatever it sent.
 */
export function apiAccessGuard(ctx: Ctx) {
  const guard = apiTokenGuard(ctx);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.routeOptions.config?.access === 'api') await guard(req, reply);
  };
}

/** Runs the CSRF check; on failure the plugin has already answered 403 (via the error handler). */
function csrfPassed(req: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  req.server.csrfProtection(req, reply, () => {
    passed = true;
  });
  return passed;
}

/** The member the guard attached; only call from workspace routes. */
export function memberOfRequest(req: FastifyRequest): { member: Member; scope: Scope } {
  if (!req.member || !req.scope) throw new Error('memberOfRequest called on a route without workspace access');
  return { member: req.member, scope: req.scope };
}
