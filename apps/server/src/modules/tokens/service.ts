import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import type { Scope } from '../../db/scope';
import { apiTokens, memberships, users, workspaces } from '../../db/schema';
import { notFound } from '../../http/errors';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { TOKEN_REVOKED } from '../api-v2/token-cache';
import { audit } from '../audit/service';

/** Creates a developer-API token. The token is returned once; only its hash is stored. */
export async function createApiToken(
  scope: Scope,
  name: string,
  createdBy?: number,
): Promise<{ id: number; token: string }> {
  const token = `chr_${randomToken(32)}`;
  const [row] = await scope
    .insert(apiTokens, { name, tokenHash: sha256Hex(token), createdBy: createdBy ?? null })
    .returning({ id: apiTokens.id });
  await audit(scope, createdBy ?? null, 'api_token.created', { tokenId: row!.id, name });
  return { id: row!.id, token };
}

/** The workspace's live tokens, newest first; never the hash. */
export async function listApiTokens(scope: Scope) {
  const rows = await scope.unscopedDb
    .select({ token: apiTokens, creator: { id: users.id, name: users.name } })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(scope.owns(apiTokens), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id));
  return rows.map(({ token, creator }) => ({
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    createdBy: creator?.id ? creator : null,
  }));
}

/**
 * Revokes a live token of this workspace (404 for any other id). It stops working at once in this process
 * and, through the realtime adapter, in the others (whose caches would otherwise keep it a few seconds).
 */
export async function revokeApiToken(ctx: Ctx, scope: Scope, id: number, actorUserId: number): Promise<void> {
  const [row] = await scope
    .update(apiTokens, { revokedAt: new Date() }, eq(apiTokens.id, id), isNull(apiTokens.revokedAt))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (!row) throw notFound('API token');
  ctx.realtime.toAllServers(TOKEN_REVOKED, { tokenId: row.id });
  await audit(scope, actorUserId, 'api_token.revoked', { tokenId: row.id, name: row.name });
}

/** A live token's row, found by the secret a caller presents (before any workspace is known). */
export async function liveTokenBySecret(db: Db, token: string) {
  const [row] = await db
    .select({ token: apiTokens, workspace: workspaces })
    .from(apiTokens)
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)));
  return row;
}

/** The owner a token acts for when its creator is gone (removed from the workspace or deleted). */
export async function tokenActor(db: Db, workspaceId: number, createdBy: number | null): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.userId));
  const creator = rows.find((r) => r.userId === createdBy);
  return (creator ?? rows.find((r) => r.role === 'owner') ?? rows[0])!.userId;
}

/** Records use at most once a minute per token, so a busy integration does not write on every request. */
export async function touchToken(db: Db, id: number): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
