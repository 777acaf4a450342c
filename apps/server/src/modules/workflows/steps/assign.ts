import type { StepOf } from '@charla/contracts/workflows';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { conversations, memberships, type RunWait, teamMembers, teams } from '../../../db/schema';
import { assignConversation } from '../../conversations/actions';
import type { RunContext, StepOutcome } from '../step-context';
import { currentConversation, sayToContact } from './messaging';

type AssignStep = StepOf<'assign'>;

/**
 * The member to assign, or null when nobody qualifies: members of the target (one user, a team, the
 * workspace), online only if asked, under the capacity (the step's, else the team's), then ordered by
 * the strategy — round robin: the one a workflow assigned longest ago; least open: fewest open
 * conversations (round robin among ties).
 */
async function pickMember(rc: RunContext, step: AssignStep): Promise<number | null> {
  const { tx } = rc;
  let candidates: number[];
  let capacity = step.maxOpen ?? null;
  if (step.target === 'user') candidates = step.userId ? [step.userId] : [];
  else if (step.target === 'team') {
    const [team] = await tx.find(teams, eq(teams.id, step.teamId ?? 0));
    if (!team) return null;
    capacity ??= team.capacity;
    candidates = (await tx.find(teamMembers, eq(teamMembers.teamId, team.id))).map((m) => m.userId);
  } else candidates = (await tx.find(memberships)).map((m) => m.userId);
  if (candidates.length === 0) return null;
  const open = sql<number>`(select count(*)::int from ${conversations} c where c.workspace_id = ${tx.workspaceId}
    and c.assignee_user_id = ${memberships.userId} and c.status = 'open')`;
  const rows = await tx.unscopedDb
    .select({ userId: memberships.userId, open })
    .from(memberships)
    .where(
      and(
        tx.owns(memberships),
        inArray(memberships.userId, candidates),
        step.onlyOnline ? eq(memberships.presence, 'online') : undefined,
      ),
    )
    .orderBy(
      ...(step.strategy === 'least_open' ? [open] : []),
      sql`${memberships.lastAssignedAt} asc nulls first`,
      memberships.userId,
    );
  const chosen = rows.find((r) => capacity === null || r.open < capacity);
  return chosen?.userId ?? null;
}

/**
 * Assigns the conversation, or puts the contact in the queue (telling them, once, with the queue message)
 * until a member frees up: the run waits and is retried when someone comes online or closes a
 * conversation, and every minute; the timeout branch ends the wait.
 */
export async function assignStep(
  rc: RunContext,
  step: AssignStep,
  opts: { retry?: Extract<RunWait, { kind: 'assign' }> } = {},
): Promise<StepOutcome> {
  const conv = await currentConversation(rc);
  if (!conv) return { fail: 'no_open_conversation: the contact has no open conversation to assign' };
  const actor = { system: 'workflow' as const, workspace: rc.workspace };
  if (step.target === 'unassign') {
    await assignConversation(rc.ctx, rc.tx, actor, conv.id, { userId: null, teamId: null });
    return { next: step.next ?? null, detail: { unassigned: true } };
  }
  const userId = await pickMember(rc, step);
  if (userId === null) {
    if (opts.retry) return { wait: opts.retry };
    if (step.queueMessage?.trim()) {
      const told = await sayToContact(rc, step.queueMessage);
      if (!('next' in told)) return told;
    }
    const timeoutAt = step.timeoutMinutes ? new Date(Date.now() + step.timeoutMinutes * 60_000).toISOString() : null;
    return { wait: { kind: 'assign', stepId: step.id, timeoutAt }, detail: { queued: true } };
  }
  const teamId = step.target === 'team' ? (step.teamId ?? null) : null;
  await assignConversation(rc.ctx, rc.tx, actor, conv.id, { userId, teamId });
  await rc.tx.update(memberships, { lastAssignedAt: new Date() }, eq(memberships.userId, userId));
  const [after] = await rc.tx.find(conversations, eq(conversations.id, conv.id));
  rc.conversation = after ?? conv;
  return { next: step.next ?? null, detail: { userId, teamId } };
}
