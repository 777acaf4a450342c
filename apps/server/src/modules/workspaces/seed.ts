import { count, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { users, workspaces } from '../../db/schema';
import { randomToken } from '../../lib/crypto';
import { createUser } from '../auth/service';
import { createWorkspace } from './service';

/**
 * First start: with no users yet, create the `demo` workspace and its owner (from CHARLA_OWNER_EMAIL /
 * CHARLA_OWNER_PASSWORD, or generated). Returns the credentials to print once, or null.
 */
export async function seedFirstStart(
  ctx: Ctx,
): Promise<{ email: string; password: string; generated: boolean } | null> {
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(users);
  if (Number(n) > 0) return null;
  const email = ctx.config.ownerEmail ?? 'owner@demo.charla.test';
  const password = ctx.config.ownerPassword ?? randomToken(12);
  const user = await createUser(ctx, { email, name: 'Demo Owner', password });
  const [existing] = await ctx.db.select().from(workspaces).where(eq(workspaces.slug, 'demo'));
  if (!existing) await createWorkspace(ctx.db, { slug: 'demo', name: 'Demo', ownerUserId: user.id, locale: 'es' });
  return { email, password, generated: !ctx.config.ownerPassword };
}
