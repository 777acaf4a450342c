import type { StepType, WorkflowStep } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import {
  contacts,
  conversations,
  type RunWait,
  workflowRuns,
  workflowRunSteps,
  workflowVersions,
} from '../../db/schema';
import { AppError } from '../../http/errors';
import { workspaceById } from '../workspaces/service';
import { type AdvanceJob, queueAdvance, type Resume, type RunRow, runIsLive, WORKFLOW_JOB } from './runs';
import type { RunContext, StepOutcome } from './step-context';
import { stepExecutors } from './steps';
import { resumeAssistant } from './steps/ai';
import { assignStep } from './steps/assign';
import { resumeQuestion } from './steps/question';

/** Steps run in one advance before the run yields (a long chain of sends is split across jobs). */
const STEPS_PER_ADVANCE = 100;

export function defineWorkflowJobs(ctx: Ctx) {
  ctx.jobs.define<AdvanceJob>({
    name: WORKFLOW_JOB,
    batchSize: 50,
    concurrency: 10,
    retryLimit: 5,
    retryDelay: 2,
    handler: (job) => advanceRun(ctx, job),
  });
}

/**
 * Moves one run forward: applies what it waited for (an answer, a timeout, a timer, an HTTP result),
 * then runs steps until one waits, the graph ends or the run stops. Everything happens in one
 * transaction on the locked run row, and the revision check makes a duplicate or stale job a no-op, so
 * a crash at any point leaves the run where its last commit put it and the job's retry carries on.
 */
export async function advanceRun(ctx: Ctx, job: AdvanceJob): Promise<void> {
  const scope = new Scope(ctx.db, job.workspaceId);
  await scope.transaction(async (tx) => {
    const [run] = await tx.find(workflowRuns, eq(workflowRuns.id, job.runId)).for('update');
    // An answer is checked against the question it answers (message ids), not the revision: two quick
    // replies must not make the second one stale.
    // The AI assistant's reply is matched to the question it answers the same way.
    const byMessage = job.resume.kind === 'answer' || job.resume.kind === 'ai_reply';
    if (!run || !runIsLive(run) || (!byMessage && run.revision !== job.revision)) return;
    const version = await versionOf(tx, run.versionId);
    const workspace = await workspaceById(tx.unscopedDb, job.workspaceId);
    if (!version || !workspace) return;
    const rc = await runContext(ctx, tx, run, version.graph.steps, version.settings.maxJumps, workspace);
    const first = await applyResume(rc, run, job.resume, version.graph.start);
    await runFrom(rc, first);
    await persist(ctx, rc);
  });
}

type Version = Pick<typeof workflowVersions.$inferSelect, 'graph' | 'settings'>;
/** Published versions never change, so each process keeps the ones it ran (bounded). */
const versions = new Map<number, Version>();
async function versionOf(tx: Scope, id: number): Promise<Version | undefined> {
  const cached = versions.get(id);
  if (cached) return cached;
  const [row] = await tx.find(workflowVersions, eq(workflowVersions.id, id));
  if (!row) return undefined;
  if (versions.size >= 500) versions.delete(versions.keys().next().value!);
  versions.set(id, { graph: row.graph, settings: row.settings });
  return row;
}

async function runContext(
  ctx: Ctx,
  tx: Scope,
  run: RunRow,
  steps: WorkflowStep[],
  maxJumps: number,
  workspace: RunContext['workspace'],
): Promise<RunContext> {
  const [contact] = await tx.find(contacts, eq(contacts.id, run.contactId));
  const [conversation] = run.conversationId
    ? await tx.find(conversations, eq(conversations.id, run.conversationId))
    : [undefined];
  return {
    ctx,
    tx,
    run,
    steps: new Map(steps.map((s) => [s.id, s])),
    maxJumps,
    workspace,
    contact: contact!,
    conversation: conversation ?? null,
    variables: { ...run.variables },
    trace: [],
    state: { status: 'active', wait: null, reason: null, currentStepId: run.currentStepId, jumps: run.jumps, ran: 0 },
    jobs: [],
  };
}

/** What the run waited for decides where it continues (`undefined`: it keeps waiting). */
async function applyResume(
  rc: RunContext,
  run: RunRow,
  resume: Resume,
  start: string | null,
): Promise<string | null | undefined> {
  if (resume.kind === 'start') {
    rc.trace.push({ stepId: null, stepType: null, outcome: 'started', detail: { trigger: run.trigger } });
    return start;
  }
  if (resume.kind === 'continue') return run.wait ? undefined : resume.stepId;
  const wait = run.wait;
  const step = wait ? rc.steps.get(wait.stepId) : undefined;
  if (!wait || !step) return null;
  rc.state.currentStepId = step.id;
  if (resume.kind === 'answer' && wait.kind === 'answer' && step.type === 'ask_question')
    return resumeQuestion(rc, step, wait, resume.messageId);
  if (
    wait.kind === 'ai' &&
    step.type === 'ai_assistant' &&
    (resume.kind === 'answer' || resume.kind === 'timeout' || resume.kind === 'ai_reply')
  )
    return resumeAssistant(rc, step, wait, resume);
  if (resume.kind === 'timeout' && (wait.kind === 'answer' || wait.kind === 'assign')) {
    rc.trace.push({ stepId: step.id, stepType: step.type, outcome: 'timeout', detail: {} });
    return 'onTimeout' in step ? (step.onTimeout ?? null) : null;
  }
  if (resume.kind === 'timer' && wait.kind === 'timer') {
    rc.trace.push({ stepId: step.id, stepType: step.type, outcome: 'resumed', detail: {} });
    return 'next' in step ? (step.next ?? null) : null;
  }
  if (resume.kind === 'assign_retry' && wait.kind === 'assign' && step.type === 'assign') {
    const outcome = await assignStep(rc, step, { retry: wait });
    if ('wait' in outcome) {
      // Still nobody: keep the place in the queue without a trace row per retry.
      rc.state.status = 'waiting';
      rc.state.wait = outcome.wait;
      return undefined;
    }
    return follow(rc, step, outcome);
  }
  if (resume.kind === 'http_result' && (step.type === 'http_request' || step.type === 'google_sheets_row')) {
    Object.assign(rc.variables, resume.variables);
    const ok = resume.status !== null && resume.status < 400 && !resume.error;
    rc.trace.push({
      stepId: step.id,
      stepType: step.type,
      outcome: ok ? 'done' : 'failed',
      detail: { status: resume.status, error: resume.error ?? null, variables: Object.keys(resume.variables) },
    });
    return ok ? (step.next ?? null) : (step.onError ?? null);
  }
  // A resume of another kind than the wait (a timer firing after an answer moved the run on is caught by
  // the revision check; this is a defensive no-op).
  rc.state.wait = wait;
  rc.state.status = 'waiting';
  return undefined;
}

/** Applies a step's outcome to the run state; returns the next step id, or undefined to stop here. */
function follow(rc: RunContext, step: WorkflowStep, outcome: StepOutcome): string | null | undefined {
  rc.trace.push({
    stepId: step.id,
    stepType: step.type,
    outcome: 'wait' in outcome ? 'waiting' : 'stop' in outcome ? 'stopped' : 'fail' in outcome ? 'failed' : 'done',
    detail: outcome.detail ?? {},
  });
  if ('wait' in outcome) {
    rc.state.status = 'waiting';
    rc.state.wait = outcome.wait;
    return undefined;
  }
  if ('stop' in outcome) {
    rc.state.status = 'stopped';
    rc.state.reason = outcome.stop;
    return undefined;
  }
  if ('fail' in outcome) {
    rc.state.status = 'failed';
    rc.state.reason = outcome.fail;
    return undefined;
  }
  return outcome.next;
}

async function runFrom(rc: RunContext, first: string | null | undefined): Promise<void> {
  let nextId = first;
  while (nextId !== undefined) {
    if (nextId === null) {
      rc.state.status = 'completed';
      return;
    }
    const step = rc.steps.get(nextId);
    if (!step) {
      rc.state.status = 'failed';
      rc.state.reason = `unknown_step: ${nextId}`;
      return;
    }
    if (rc.state.ran >= STEPS_PER_ADVANCE) {
      // Yield: the rest runs in a fresh job (and a fresh transaction).
      rc.state.currentStepId = step.id;
      rc.continueAt = step.id;
      return;
    }
    rc.state.currentStepId = step.id;
    rc.state.ran += 1;
    let outcome: StepOutcome;
    try {
      outcome = await execute(rc, step);
    } catch (err) {
      // A refused action (no channel, a blocked contact…) stops the run with the reason, visible in the
      // inspector; anything else is a bug or an outage and is retried by the job.
      if (!(err instanceof AppError)) throw err;
      outcome = { fail: `${err.code}: ${err.message}` };
    }
    nextId = follow(rc, step, outcome);
  }
}

async function execute(rc: RunContext, step: WorkflowStep): Promise<StepOutcome> {
  if (step.type === 'jump') {
    rc.state.jumps += 1;
    if (rc.state.jumps > rc.maxJumps) return { stop: 'too_many_jumps', detail: { jumps: rc.state.jumps } };
    return { next: step.to };
  }
  const executor = stepExecutors[step.type as Exclude<StepType, 'jump'>] as (
    rc: RunContext,
    step: WorkflowStep,
  ) => Promise<StepOutcome>;
  return executor(rc, step);
}

/** Writes the run's new state and trace and queues what it waits for, bumping the revision. */
async function persist(ctx: Ctx, rc: RunContext): Promise<void> {
  const { run, state, tx } = rc;
  const revision = run.revision + 1;
  const finished = state.status === 'completed' || state.status === 'stopped' || state.status === 'failed';
  await tx.update(
    workflowRuns,
    {
      status: state.status,
      wait: state.wait,
      reason: state.reason,
      currentStepId: state.currentStepId,
      variables: rc.variables,
      jumps: state.jumps,
      stepsRun: run.stepsRun + state.ran,
      revision,
      updatedAt: new Date(),
      ...(finished ? { finishedAt: new Date() } : {}),
    },
    eq(workflowRuns.id, run.id),
  );
  if (rc.trace.length > 0)
    await tx.insert(
      workflowRunSteps,
      rc.trace.map((t) => ({ runId: run.id, ...t })),
    );
  const base = { workspaceId: tx.workspaceId, runId: run.id, revision };
  if (state.status === 'waiting' && state.wait) await queueWaitJobs(ctx, tx, base, state.wait);
  if (rc.continueAt) await queueAdvance(ctx, tx, { ...base, resume: { kind: 'continue', stepId: rc.continueAt } });
  for (const j of rc.jobs) await ctx.jobs.send(j.name, { ...base, ...j.data }, { tx: tx.unscopedDb });
}

async function queueWaitJobs(
  ctx: Ctx,
  tx: Scope,
  base: { workspaceId: number; runId: number; revision: number },
  wait: RunWait,
) {
  if (wait.kind === 'timer') await queueAdvance(ctx, tx, { ...base, resume: { kind: 'timer' } }, new Date(wait.until));
  if ((wait.kind === 'answer' || wait.kind === 'assign' || wait.kind === 'ai') && wait.timeoutAt)
    await queueAdvance(ctx, tx, { ...base, resume: { kind: 'timeout' } }, new Date(wait.timeoutAt));
  // Queued for an agent: besides the retries that presence and closed conversations trigger, look again
  // every minute (capacity also frees up when conversations are reassigned).
  if (wait.kind === 'assign')
    await queueAdvance(ctx, tx, { ...base, resume: { kind: 'assign_retry' } }, new Date(Date.now() + 60_000));
}
