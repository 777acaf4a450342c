import type { Scope } from '../../db/scope';
import { apiTokens } from '../../db/schema';
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
