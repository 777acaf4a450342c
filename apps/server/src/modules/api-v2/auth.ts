import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { AppError } from '../../http/errors';
import { liveTokenBySecret, tokenActor, touchToken } from '../tokens/service';
import { TokenRateLimiter } from './rate-limit';
import { type Caller, TOKEN_REVOKED, TokenCache } from './token-cache';

/**
 * Authenticates `/v2` requests: `Authorization: Bearer <token>` names a live token of one workspace; the
 * request then acts as the token's creator (or the workspace owner when the creator has left) with
 * access to every contact. Sets the rate-limit headers and answers 429 when the token's budget is spent.
 */
export function apiTokenGuard(ctx: Ctx) {
  const limiter = new TokenRateLimiter(ctx.counters, ctx.config.apiRateLimit);
  const cache = new TokenCache(ctx.config.apiTokenCacheSeconds * 1000);
  ctx.realtime.onServerEvent<{ tokenId: number }>(TOKEN_REVOKED, ({ tokenId }) => cache.revoke(tokenId));

  async function resolve(secret: string): Promise<Caller | null> {
    const hit = cache.get(secret);
    if (hit) return hit;
    const row = await liveTokenBySecret(ctx.db, secret);
    if (!row || cache.isRevoked(row.token.id)) return null;
    const userId = await tokenActor(ctx.db, row.workspace.id, row.token.createdBy);
    const caller: Caller = {
      tokenId: row.token.id,
      member: { userId, workspace: row.workspace, role: 'owner', accessLevel: 'all', restrictions: [], teamIds: [] },
    };
    cache.set(secret, caller);
    await touchToken(ctx.db, row.token.id);
    return caller;
  }

  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const caller = secret ? await resolve(secret) : null;
    if (!caller)
      throw new AppError(
        'unauthenticated',
        'unauthenticated',
        'Send a valid API token as `Authorization: Bearer <token>`',
      );
    const budget = await limiter.take(caller.tokenId);
    reply.header('x-ratelimit-limit', String(limiter.limit));
    reply.header('x-ratelimit-remaining', String(budget.remaining));
    if (!budget.allowed) {
      throw new AppError('rate_limited', 'rate_limited', 'Too many requests for this token; retry later', {
        retryAfterSeconds: budget.retryAfterSeconds,
      });
    }
    req.member = caller.member;
    req.scope = new Scope(ctx.db, caller.member.workspace.id);
  };
}
