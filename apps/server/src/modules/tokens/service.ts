import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { apiTokens, users } from '../../db/schema';
import { notFound } from '../../http/errors';
import { randomToken, sha256Hex } from '../../lib/crypto';
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

/** Revokes a live token of this workspace (404 for any other id). */
export async function revokeApiToken(scope: Scope, id: number, actorUserId: number): Promise<void> {
  const [row] = await scope
    .update(apiTokens, { revokedAt: new Date() }, eq(apiTokens.id, id), isNull(apiTokens.revokedAt))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (!row) throw notFound('API token');
  await audit(scope, actorUserId, 'api_token.revoked', { tokenId: row.id, name: row.name });
}
