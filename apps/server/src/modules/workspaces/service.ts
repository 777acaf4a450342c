import type { AccessLevel, ManagerRestriction, Role } from '@charla/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { memberships, teamMembers, workspaces } from '../../db/schema';
import { AppError } from '../../http/errors';

export type Workspace = typeof workspaces.$inferSelect;

/** A user acting inside one workspace: what the guard attaches to every workspace route. */
export interface Member {
  userId: number;
  workspace: Workspace;
  role: Role;
  accessLevel: AccessLevel;
  restrictions: ManagerRestriction[];
  teamIds: number[];
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export async function createWorkspace(
  db: Db,
  input: {
    slug: string;
    name: string;
    ownerUserId: number;
    timezone?: string;
    defaultCountry?: string;
    locale?: string;
  },
): Promise<Workspace> {
  if (!SLUG.test(input.slug)) {
    throw new AppError('invalid', 'invalid_slug', 'A workspace slug is 1–48 lower-case letters, digits or dashes');
  }
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({
        slug: input.slug,
        name: input.name,
        timezone: input.timezone ?? 'UTC',
        defaultCountry: input.defaultCountry,
        locale: input.locale ?? 'es',
      })
      .onConflictDoNothing()
      .returning();
    if (!ws) throw new AppError('conflict', 'slug_taken', `The workspace slug "${input.slug}" is taken`);
    await tx
      .insert(memberships)
      .values({ workspaceId: ws.id, userId: input.ownerUserId, role: 'owner', accessLevel: 'all' });
    return ws;
  });
}

export async function workspaceBySlug(db: Db, slug: string): Promise<Workspace | undefined> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return ws;
}

export async function membershipsOf(db: Db, userId: number) {
  return db
    .select({ workspace: workspaces, membership: memberships })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function memberOf(db: Db, userId: number, slug: string): Promise<Member | undefined> {
  const [row] = await db
    .select({ workspace: workspaces, membership: memberships })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(workspaces.slug, slug)));
  if (!row) return undefined;
  const teams = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, row.workspace.id), eq(teamMembers.userId, userId)));
  return {
    userId,
    workspace: row.workspace,
    role: row.membership.role,
    accessLevel: row.membership.role === 'agent' ? row.membership.accessLevel : 'all',
    restrictions: row.membership.role === 'manager' ? (row.membership.restrictions as ManagerRestriction[]) : [],
    teamIds: teams.map((t) => t.teamId),
  };
}

export async function workspaceById(db: Db | Tx, id: number): Promise<Workspace | undefined> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return ws;
}
