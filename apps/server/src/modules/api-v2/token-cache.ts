import type { Member } from '../workspaces/service';

export type Caller = { tokenId: number; member: Member };

/** Event every server process hears when a token is revoked (see `Realtime.toAllServers`). */
export const TOKEN_REVOKED = 'api-token.revoked';

/**
 * Resolved tokens, kept a few seconds so a busy integration costs no lookup per request. Revocation does
 * not wait for the expiry: `revoke` (called in every process through TOKEN_REVOKED) drops the token at
 * once and remembers it, so a lookup that read the row just before the revocation committed cannot put
 * it back. The expiry only bounds what a lost cross-process message can cost (and membership changes).
 */
export class TokenCache {
  private readonly entries = new Map<string, Caller & { expires: number }>();
  /** Revoked token ids and when we heard; kept longer than any lookup in flight can take. */
  private readonly revoked = new Map<number, number>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly tombstoneMs = 60_000,
  ) {}

  get(secret: string): Caller | undefined {
    const hit = this.entries.get(secret);
    if (hit && hit.expires > Date.now()) return hit;
    this.entries.delete(secret);
    return undefined;
  }

  /** Whether `tokenId` was revoked here recently: a row read before that is stale. */
  isRevoked(tokenId: number): boolean {
    return this.revoked.has(tokenId);
  }

  set(secret: string, caller: Caller): void {
    if (this.isRevoked(caller.tokenId)) return;
    if (this.entries.size > 1_000) this.entries.clear();
    this.entries.set(secret, { ...caller, expires: Date.now() + this.ttlMs });
  }

  revoke(tokenId: number): void {
    const now = Date.now();
    for (const [id, at] of this.revoked) if (now - at > this.tombstoneMs) this.revoked.delete(id);
    this.revoked.set(tokenId, now);
    for (const [secret, caller] of this.entries) if (caller.tokenId === tokenId) this.entries.delete(secret);
  }
}
