import { asc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { isUniqueViolation } from '../../db/unique-violation';
import { memberships, teamMembers, teams } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';

export async function listTeams(scope: Scope) {
  const rows = await scope.find(teams).orderBy(asc(teams.name));
  const members = await scope.find(teamMembers);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    capacity: t.capacity,
    memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId),
  }));
}

export async function createTeam(scope: Scope, input: { name: string; capacity?: number | null }) {
  const [row] = await scope
    .insert(teams, { name: input.name, capacity: input.capacity ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', 'team_exists', `A team named "${input.name}" exists`);
  return row;
}

export async function addTeamMember(scope: Scope, teamId: number, userId: number) {
  const [team] = await scope.find(teams, eq(teams.id, teamId));
  if (!team) throw notFound('Team');
  const [member] = await scope.find(memberships, eq(memberships.userId, userId));
  if (!member) throw notFound('Member');
  await scope.insert(teamMembers, { teamId, userId }).onConflictDoNothing();
}

export async function renameTeam(scope: Scope, teamId: number, input: { name?: string; capacity?: number | null }) {
  try {
    const [row] = await scope.update(teams, input, eq(teams.id, teamId)).returning();
    if (!row) throw notFound('Team');
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'team_exists', `A team named "${input.name}" exists`);
    throw err;
  }
}

export async function removeTeamMember(scope: Scope, teamId: number, userId: number) {
  const rows = await scope
    .delete(teamMembers, eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))
    .returning({ userId: teamMembers.userId });
  if (rows.length === 0) throw notFound('Team member');
}
