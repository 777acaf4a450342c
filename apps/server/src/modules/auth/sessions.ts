import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { randomToken, sha256Hex } from '../../lib/crypto';

export const SESSION_COOKIE = 'charla_session';

export type SessionUser = typeof users.$inferSelect;

export async function createSession(db: Db, userId: number, ttlDays: number, userAgent?: string): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    tokenHash: sha256Hex(token),
    userId,
    expiresAt: new Date(Date.now() + ttlDays * 86_400_000),
    userAgent: userAgent?.slice(0, 300),
  });
  // Opportunistic cleanup keeps the table small without a scheduler.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date())));
  return token;
}

export async function userForSession(db: Db, token: string | undefined): Promise<SessionUser | undefined> {
  if (!token) return undefined;
  const rows = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256Hex(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return rows[0]?.user;
}

export async function destroySession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
}

export async function destroyUserSessions(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
