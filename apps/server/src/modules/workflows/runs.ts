import { desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { contacts, workflowRuns, workflowRunSteps, workflows, workflowVersions } from '../../db/schema';
import { notFound } from '../../http/errors';
import { contactName } from '../contacts/service';

export const WORKFLOW_JOB = 'workflow.advance';
export const LIVE = ['active', 'waiting'] as const;

type RunRow = typeof workflowRuns.$inferSelect;

/** What a queued advance carries: why the run moves on. */
export type Resume =
  | { kind: 'start' }
  /** A long chain yields after a batch of steps and carries on from `stepId` in a new job. */
  | { kind: 'continue'; stepId: string }
  | { kind: 'answer'; messageId: number }
  | { kind: 'timeout' }
  | { kind: 'timer' }
  | { kind: 'assign_retry' }
  | { kind: 'http_result'; status: number | null; error?: string; variables: Record<string, string> }
  /** The AI assistant's chat API call for the question ending at `messageId` came back (or gave up: `error`). */
  | {
      kind: 'ai_reply';
      messageId: number;
      reply: string | null;
      handover: boolean;
      error?: string;
      retrieved: RetrievedSummary[];
    };

/** What a turn of the AI assistant found in the knowledge matrix, as the run trace shows it. */
export interface RetrievedSummary {
  entryId: number;
  kind: 'qa' | 'document';
  title: string;
  score: number;
}

export interface AdvanceJob {
  workspaceId: number;
  runId: number;
  /** The run's revision when queued: a run that moved on since ignores it. */
  revision: number;
  resume: Resume;
}

export async function queueAdvance(ctx: Ctx, tx: Scope, job: AdvanceJob, startAfter?: Date): Promise<void> {
  await ctx.jobs.send(WORKFLOW_JOB, job, { tx: tx.unscopedDb, ...(startAfter ? { startAfter } : {}) });
}

/**
 * Resumes a run waiting on an outside call (HTTP request, Google Sheets) with the call's result, from the
 * job that made the call; the result carries the revision the call was queued with.
 */
export async function resumeWithCallResult(
  ctx: Ctx,
  job: { workspaceId: number; runId: number; revision: number },
  result: { status: number | null; error?: string; variables?: Record<string, string> },
): Promise<void> {
  await resumeFromJob(ctx, job, {
    kind: 'http_result',
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
    variables: result.variables ?? {},
  });
}

/** Queues a run's advance from a job working for it (an outside call), in the run's workspace. */
export async function resumeFromJob(
  ctx: Ctx,
  job: { workspaceId: number; runId: number; revision: number },
  resume: Resume,
): Promise<void> {
  const scope = new Scope(ctx.db, job.workspaceId);
  await scope.transaction((tx) =>
    queueAdvance(ctx, tx, { workspaceId: job.workspaceId, runId: job.runId, revision: job.revision, resume }),
  );
}

export type StartResult =
  | { started: true; runId: number }
  | { started: false; reason: 'already_running' | 'once_per_contact' };

/**
 * Starts a run of the workflow's published version for a contact, in the caller's transaction. A contact
 * is in at most one live run of a workflow (a partial unique index), and "once per contact" looks at
 * every past run.
 */
export async function startRun(
  ctx: Ctx,
  tx: Scope,
  input: {
    workflowId: number;
    versionId: number;
    oncePerContact: boolean;
    contactId: number;
    conversationId: number | null;
    trigger: Record<string, unknown>;
    variables?: Record<string, string>;
  },
): Promise<StartResult> {
  if (input.oncePerContact) {
    const before = await tx.first(
      workflowRuns,
      eq(workflowRuns.workflowId, input.workflowId),
      eq(workflowRuns.contactId, input.contactId),
    );
    if (before) return { started: false, reason: 'once_per_contact' };
  }
  const [run] = await tx
    .insert(workflowRuns, {
      workflowId: input.workflowId,
      versionId: input.versionId,
      contactId: input.contactId,
      conversationId: input.conversationId,
      status: 'active',
      trigger: input.trigger,
      variables: input.variables ?? {},
    })
    .onConflictDoNothing()
    .returning({ id: workflowRuns.id });
  if (!run) return { started: false, reason: 'already_running' };
  await queueAdvance(ctx, tx, { workspaceId: tx.workspaceId, runId: run.id, revision: 0, resume: { kind: 'start' } });
  return { started: true, runId: run.id };
}

/** Stops live runs (of a workflow, or of a contact) with a reason, leaving a trace row on each. */
export async function stopRunsOf(
  tx: Scope,
  of: { workflowId: number } | { contactId: number; waitingOnly?: boolean },
  reason: string,
): Promise<number> {
  const ofContact = 'contactId' in of;
  const stopped = await tx
    .update(
      workflowRuns,
      { status: 'stopped', reason, wait: null, finishedAt: new Date(), updatedAt: new Date() },
      ofContact ? eq(workflowRuns.contactId, of.contactId) : eq(workflowRuns.workflowId, of.workflowId),
      ofContact && of.waitingOnly ? eq(workflowRuns.status, 'waiting') : inArray(workflowRuns.status, [...LIVE]),
      // A run an agent started from the inbox (shortcut) is theirs: a bot pause does not stop it.
      ofContact ? sql`coalesce(${workflowRuns.trigger}->>'type', '') <> 'shortcut'` : undefined,
    )
    .returning({ id: workflowRuns.id, stepId: workflowRuns.currentStepId });
  if (stopped.length > 0)
    await tx.insert(
      workflowRunSteps,
      stopped.map((r) => ({ runId: r.id, stepId: r.stepId, outcome: 'stopped', detail: { reason } })),
    );
  return stopped.length;
}

const serializeRun = (r: RunRow, contact: { name: string } | null, workflowName?: string) => ({
  id: r.id,
  workflowId: r.workflowId,
  workflowName: workflowName ?? null,
  contactId: r.contactId,
  contactName: contact?.name ?? null,
  conversationId: r.conversationId,
  status: r.status,
  currentStepId: r.currentStepId,
  wait: r.wait,
  variables: r.variables,
  reason: r.reason,
  stepsRun: r.stepsRun,
  startedAt: r.startedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
export type RunDto = ReturnType<typeof serializeRun>;

async function withContacts(scope: Scope, rows: RunRow[], where?: SQL) {
  const ids = [...new Set(rows.map((r) => r.contactId))];
  const people = ids.length === 0 ? [] : await scope.find(contacts, inArray(contacts.id, ids), where);
  const names = new Map(people.map((c) => [c.id, { name: contactName(c) }]));
  const wfIds = [...new Set(rows.map((r) => r.workflowId))];
  const wfs = wfIds.length === 0 ? [] : await scope.find(workflows, inArray(workflows.id, wfIds));
  const wfNames = new Map(wfs.map((w) => [w.id, w.name]));
  return rows.map((r) => serializeRun(r, names.get(r.contactId) ?? null, wfNames.get(r.workflowId)));
}

/** The run inspector's list: newest first, keyset-paginated by id. */
export async function listRuns(
  scope: Scope,
  filter: { workflowId?: number; contactId?: number; status?: RunRow['status']; beforeId?: number; limit?: number },
) {
  const limit = Math.min(filter.limit ?? 50, 200);
  const rows = await scope
    .find(
      workflowRuns,
      filter.workflowId ? eq(workflowRuns.workflowId, filter.workflowId) : undefined,
      filter.contactId ? eq(workflowRuns.contactId, filter.contactId) : undefined,
      filter.status ? eq(workflowRuns.status, filter.status) : undefined,
      filter.beforeId ? lt(workflowRuns.id, filter.beforeId) : undefined,
    )
    .orderBy(desc(workflowRuns.id))
    .limit(limit + 1);
  const items = await withContacts(scope, rows.slice(0, limit));
  return { items, nextBeforeId: rows.length > limit ? items.at(-1)!.id : null };
}

/** One run with its step-by-step trace and the version's steps (for labels). */
export async function getRunTrace(scope: Scope, runId: number) {
  const [run] = await scope.find(workflowRuns, eq(workflowRuns.id, runId));
  if (!run) throw notFound('Run');
  const [dto] = await withContacts(scope, [run]);
  const trace = await scope.find(workflowRunSteps, eq(workflowRunSteps.runId, runId)).orderBy(workflowRunSteps.id);
  const [version] = await scope.find(workflowVersions, eq(workflowVersions.id, run.versionId));
  return {
    run: dto!,
    version: version?.version ?? null,
    steps: (version?.graph.steps ?? []).map((s) => ({ id: s.id, type: s.type, label: s.label ?? null })),
    trace: trace.map((t) => ({
      id: t.id,
      stepId: t.stepId,
      stepType: t.stepType,
      outcome: t.outcome,
      detail: t.detail,
      at: t.createdAt.toISOString(),
    })),
  };
}

/** Live runs of a contact waiting for an answer, newest first (the newest question gets the reply). */
export function runsAwaitingAnswer(scope: Scope, contactId: number) {
  return scope
    .find(
      workflowRuns,
      eq(workflowRuns.contactId, contactId),
      eq(workflowRuns.status, 'waiting'),
      // The AI assistant waits for the contact's messages like a question does.
      sql`${workflowRuns.wait}->>'kind' in ('answer', 'ai')`,
    )
    .orderBy(desc(workflowRuns.updatedAt));
}

export const liveRunsOf = (scope: Scope, contactId: number) =>
  scope.find(workflowRuns, eq(workflowRuns.contactId, contactId), inArray(workflowRuns.status, [...LIVE]));

/** Runs queued for an agent, oldest first (first come, first assigned). */
export const runsWaitingToAssign = (scope: Scope, limit = 100) =>
  scope
    .find(workflowRuns, eq(workflowRuns.status, 'waiting'), sql`${workflowRuns.wait}->>'kind' = 'assign'`)
    .orderBy(workflowRuns.updatedAt)
    .limit(limit);

export type { RunRow };
export const runIsLive = (r: Pick<RunRow, 'status'>) => (LIVE as readonly string[]).includes(r.status);
