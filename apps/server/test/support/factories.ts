import type { AccessLevel, Role } from '@charla/contracts';
import { randomBytes } from 'node:crypto';
import { Scope } from '../../src/db/scope';
import { memberships, teamMembers, teams } from '../../src/db/schema';
import { hmacSha256Hex } from '../../src/lib/crypto';
import { createUser } from '../../src/modules/auth/service';
import { createChannel } from '../../src/modules/channels/service';
import { createWorkspace } from '../../src/modules/workspaces/service';
import type { Ctx } from '../../src/context';

const uniq = () => randomBytes(4).toString('hex');
export const PASSWORD = 'correct horse battery';

/** Test data with sensible defaults; every dependent record is created for you. */
export function factories(ctx: Ctx) {
  return {
    async user(overrides: { email?: string; name?: string; password?: string } = {}) {
      return createUser(ctx, {
        email: overrides.email ?? `user-${uniq()}@example.com`,
        name: overrides.name ?? 'Test User',
        password: overrides.password ?? PASSWORD,
      });
    },

    /** A workspace with its owner. */
    async workspace(overrides: { slug?: string; name?: string; defaultCountry?: string } = {}) {
      const owner = await this.user({ name: 'Owner' });
      const ws = await createWorkspace(ctx.db, {
        slug: overrides.slug ?? `ws-${uniq()}`,
        name: overrides.name ?? 'Workspace',
        ownerUserId: owner.id,
        defaultCountry: overrides.defaultCountry,
      });
      return { ws, owner, scope: new Scope(ctx.db, ws.id) };
    },

    async member(
      workspaceId: number,
      role: Role = 'agent',
      accessLevel: AccessLevel = 'all',
      restrictions: string[] = [],
    ) {
      const user = await this.user({ name: `${role} ${accessLevel}` });
      await ctx.db.insert(memberships).values({ workspaceId, userId: user.id, role, accessLevel, restrictions });
      return user;
    },

    async team(workspaceId: number, name = `Team ${uniq()}`, userIds: number[] = []) {
      const [team] = await ctx.db.insert(teams).values({ workspaceId, name }).returning();
      for (const userId of userIds) await ctx.db.insert(teamMembers).values({ workspaceId, teamId: team!.id, userId });
      return team!;
    },

    async customChannel(scope: Scope, config: { callbackUrl?: string; secret?: string } = {}) {
      const { channel, shownOnce } = await createChannel(ctx, scope, {
        type: 'custom',
        name: `Custom ${uniq()}`,
        config,
      });
      return { channel, secret: shownOnce.secret ?? config.secret! };
    },

    async webchatChannel(scope: Scope, config: Record<string, unknown> = {}) {
      const { channel, shownOnce } = await createChannel(ctx, scope, {
        type: 'webchat',
        name: `Web chat ${uniq()}`,
        config: { allowedOrigins: ['https://shop.example'], ...config },
      });
      return { channel, secret: shownOnce.secret! };
    },
  };
}

/** Posts a custom-channel webhook signed with `secret` (or with a wrong signature). */
export async function postCustomWebhook(
  baseUrl: string,
  channelId: number,
  secret: string,
  body: unknown,
  opts: { badSignature?: boolean } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const sig = `sha256=${hmacSha256Hex(opts.badSignature ? `${secret}x` : secret, raw)}`;
  return fetch(`${baseUrl}/webhooks/custom/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-charla-signature': sig },
    body: raw,
  });
}
