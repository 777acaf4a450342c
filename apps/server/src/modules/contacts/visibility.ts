import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { teamMembers } from '../../db/schema';
import type { Member } from '../workspaces/service';

/**
 * The agent access level as a SQL condition over a record's assignee columns (contacts and
 * conversations both have them): `all` sees everything; `assigned` only what is assigned to them;
 * `team` also what is assigned to one of their teams or to a teammate.
 */
export function assigneeVisibility(member: Member, cols: { userId: PgColumn; teamId: PgColumn }): SQL | undefined {
  if (member.accessLevel === 'all') return undefined;
  const mine = eq(cols.userId, member.userId);
  if (member.accessLevel === 'assigned' || member.teamIds.length === 0) return mine;
  return or(
    mine,
    inArray(cols.teamId, member.teamIds),
    inArray(
      cols.userId,
      sql`(select ${teamMembers.userId} from ${teamMembers} where ${inArray(teamMembers.teamId, member.teamIds)})`,
    ),
  );
}
