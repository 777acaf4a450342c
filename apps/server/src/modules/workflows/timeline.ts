import { and, desc, eq, lt } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { workflowRunSteps, workflowRuns, workflows } from '../../db/schema';

/**
 * The steps a contact's workflow runs took, newest first, as entries of the contact's timeline (which
 * interleaves them with its activity). `w<id>` keeps their ids apart from activity rows.
 */
export async function workflowStepsOfContact(scope: Scope, contactId: number, opts: { before?: Date; limit: number }) {
  const rows = await scope.unscopedDb
    .select({ step: workflowRunSteps, workflowId: workflows.id, workflowName: workflows.name })
    .from(workflowRunSteps)
    .innerJoin(workflowRuns, eq(workflowRuns.id, workflowRunSteps.runId))
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .where(
      and(
        scope.owns(workflowRunSteps),
        eq(workflowRuns.contactId, contactId),
        opts.before ? lt(workflowRunSteps.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(desc(workflowRunSteps.id))
    .limit(opts.limit);
  return rows.map(({ step, workflowId, workflowName }) => ({
    id: `w${step.id}`,
    kind: 'workflow.step' as const,
    data: {
      workflowId,
      workflowName,
      runId: step.runId,
      stepType: step.stepType,
      outcome: step.outcome,
      reason: typeof step.detail.reason === 'string' ? step.detail.reason : null,
    },
    actor: null,
    createdAt: step.createdAt.toISOString(),
  }));
}
