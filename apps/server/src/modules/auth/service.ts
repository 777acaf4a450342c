import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { passwordResets, users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { Mailer } from '../mail/mailer';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { createSession, destroyUserSessions, type SessionUser } from './sessions';

export const normalizeLoginEmail = (email: string) => email.trim().toLowerCase();

export async function login(
  ctx: Ctx,
  email: string,
  password: string,
  userAgent?: string,
): Promise<{ user: SessionUser; token: string }> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(eq(users.email, normalizeLoginEmail(email)));
  // An unknown email still costs one Argon2 verification, so timing does not reveal which emails exist.
  const ok = await verifyPassword(user ? user.passwordHash : await dummyHash, password);
  if (!user || !ok) throw new AppError('unauthenticated', 'invalid_credentials', 'Wrong email or password');
  const token = await createSession(ctx.db, user.id, ctx.config.sessionTtlDays, userAgent);
  return { user, token };
}

export async function createUser(ctx: Pick<Ctx, 'db'>, input: { email: string; name: string; password?: string }) {
  const email = normalizeLoginEmail(input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [user] = await ctx.db
    .insert(users)
    .values({ email, name: input.name, passwordHash })
    .onConflictDoNothing()
    .returning();
  if (!user) throw new AppError('conflict', 'email_taken', `A user with email ${email} already exists`);
  return user;
}

const RESET_TTL_MS = 60 * 60 * 1000;

/** Always succeeds from the caller's view, so the endpoint does not reveal which emails have accounts. */
export async function requestPasswordReset(ctx: Ctx, mailer: Mailer, email: string): Promise<void> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(eq(users.email, normalizeLoginEmail(email)));
  if (!user) return;
  const token = randomToken();
  const link = `${ctx.publicUrl()}/reset?token=${token}`;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(passwordResets)
      .values({ tokenHash: sha256Hex(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    const es = user.locale !== 'en';
    await mailer.enqueue(tx, {
      workspaceId: null,
      to: user.email,
      subject: es ? 'Restablece tu contraseña de Charla' : 'Reset your Charla password',
      text: es
        ? `Hola ${user.name}:\n\nPara elegir una contraseña nueva abre este enlace (vale una hora):\n${link}\n\nSi no lo pediste, ignora este correo.`
        : `Hi ${user.name},\n\nTo choose a new password open this link (valid for one hour):\n${link}\n\nIf you did not ask for it, ignore this email.`,
    });
  });
}

export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const ok = await ctx.db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256Hex(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!reset) return false;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
    await destroyUserSessions(tx, reset.userId);
    return true;
  });
  if (!ok) throw new AppError('invalid', 'invalid_token', 'This reset link is invalid or has expired');
}
