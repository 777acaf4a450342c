import type { AccessLevel, Role } from '@charla/contracts';
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { invitations, memberships, outboxEmails, users, workspaces } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { normalizeLoginEmail } from '../auth/service';
import { audit } from '../audit/service';
import type { Mailer } from '../mail/mailer';
import type { Member } from '../workspaces/service';

const INVITE_TTL_MS = 7 * 86_400_000;

export async function listMembers(scope: Scope) {
  const active = await scope.unscopedDb
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      accessLevel: memberships.accessLevel,
      presence: memberships.presence,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scope.owns(memberships))
    .orderBy(asc(users.name));
  const pending = await scope.find(invitations, isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date()));
  return [
    ...active.map((m) => ({ ...m, status: 'active' as const })),
    ...pending.map((i) => ({
      userId: null,
      name: i.email,
      email: i.email,
      role: i.role,
      accessLevel: i.accessLevel,
      presence: 'offline' as const,
      status: 'invited' as const,
    })),
  ];
}

export async function inviteMember(
  ctx: Ctx,
  mailer: Mailer,
  scope: Scope,
  inviter: Member,
  input: { email: string; role: Role; accessLevel: AccessLevel },
): Promise<{ token: string }> {
  // Only an owner can create another owner.
  if (input.role === 'owner' && inviter.role !== 'owner')
    throw new AppError('forbidden', 'forbidden', 'Only owners can invite owners');
  const email = normalizeLoginEmail(input.email);
  const existing = await scope.unscopedDb
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(scope.owns(memberships), eq(users.email, email)));
  if (existing.length > 0) throw new AppError('conflict', 'already_member', `${email} is already a member`);
  const token = randomToken();
  const link = `${ctx.publicUrl()}/invite/${token}`;
  const ws = inviter.workspace;
  await scope.transaction(async (tx, rawTx) => {
    await tx.delete(invitations, eq(invitations.email, email), isNull(invitations.acceptedAt));
    await tx.insert(invitations, {
      email,
      role: input.role,
      accessLevel: input.accessLevel,
      tokenHash: sha256Hex(token),
      invitedBy: inviter.userId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    });
    await audit(tx, inviter.userId, 'member.invited', { email, role: input.role, accessLevel: input.accessLevel });
    const es = ws.locale !== 'en';
    await mailer.enqueue(rawTx, {
      workspaceId: ws.id,
      to: email,
      subject: es ? `Te invitaron a ${ws.name} en Charla` : `You are invited to ${ws.name} on Charla`,
      text: es
        ? `Te invitaron a unirte al espacio de trabajo "${ws.name}" en Charla.\n\nAcepta la invitación aquí (vale 7 días):\n${link}`
        : `You have been invited to join the workspace "${ws.name}" on Charla.\n\nAccept the invitation here (valid for 7 days):\n${link}`,
    });
  });
  return { token };
}

async function pendingInvite(ctx: Ctx, token: string) {
  const [row] = await ctx.db
    .select({ invite: invitations, workspace: workspaces })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) throw notFound('Invitation');
  return row;
}

export async function describeInvite(ctx: Ctx, token: string) {
  const { invite, workspace } = await pendingInvite(ctx, token);
  const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, invite.email));
  return {
    email: invite.email,
    workspace: { name: workspace.name, slug: workspace.slug },
    existingUser: Boolean(user),
  };
}

/**
 * Accepting creates the account and the membership. An existing account joins only with its own password:
 * the token alone must not set it, since the inviting workspace's owner can read the link in its outbox.
 */
export async function acceptInvite(ctx: Ctx, token: string, input: { name?: string; password: string }) {
  const { invite } = await pendingInvite(ctx, token);
  const [existing] = await ctx.db.select().from(users).where(eq(users.email, invite.email));
  const wrongPassword = () =>
    new AppError('unauthenticated', 'invalid_credentials', 'This email has an account: accept with its password');
  if (existing && !(await verifyPassword(existing.passwordHash, input.password))) throw wrongPassword();
  if (!existing && !input.name)
    throw new AppError('invalid', 'name_required', 'Tell us your name to create your account');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invite.id), isNull(invitations.acceptedAt)))
      .returning();
    if (!claimed) throw notFound('Invitation');
    let [user] = await tx.select().from(users).where(eq(users.email, invite.email));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: invite.email, name: input.name ?? invite.email, passwordHash })
        .returning();
    } else if (user.id !== existing?.id) {
      throw wrongPassword();
    }
    await tx
      .insert(memberships)
      .values({ workspaceId: invite.workspaceId, userId: user!.id, role: invite.role, accessLevel: invite.accessLevel })
      .onConflictDoNothing();
    return user!;
  });
}

export async function setPresence(ctx: Ctx, scope: Scope, userId: number, status: 'online' | 'away' | 'offline') {
  await scope.transaction(async (tx, rawTx) => {
    await tx.update(memberships, { presence: status, lastSeenAt: new Date() }, eq(memberships.userId, userId));
    await ctx.events.emit(rawTx, scope.workspaceId, 'member.presence', { userId, status });
  });
}

/**
 * Presence follows the member's sockets: the first connection brings an offline member online (a chosen
 * "away" stays), and losing the last one makes them offline.
 */
export async function presenceFromSockets(ctx: Ctx, scope: Scope, userId: number, connected: boolean) {
  const [m] = await scope.find(memberships, eq(memberships.userId, userId));
  if (!m) return;
  if (connected && m.presence === 'offline') await setPresence(ctx, scope, userId, 'online');
  if (!connected && m.presence !== 'offline') await setPresence(ctx, scope, userId, 'offline');
}

export async function listOutbox(scope: Scope) {
  const rows = await scope.find(outboxEmails).orderBy(desc(outboxEmails.id)).limit(100);
  return rows.map((r) => ({
    id: r.id,
    to: r.to,
    subject: r.subject,
    text: r.text,
    delivered: r.delivered,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  }));
}
