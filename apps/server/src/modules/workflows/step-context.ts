import type { StepOf, StepType, WorkflowStep } from '@charla/contracts/workflows';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import type { conversations, contacts, RunWait } from '../../db/schema';
import type { Workspace } from '../workspaces/service';
import type { RunRow } from './runs';

/** What a step did: go on to `next` (null ends the run), wait, or stop/fail the run with a reason. */
export type StepOutcome = ({ next: string | null } | { wait: RunWait } | { stop: string } | { fail: string }) & {
  detail?: Record<string, unknown>;
};

export interface TraceEntry {
  stepId: string | null;
  stepType: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** One advance of one run: the locked run, what steps read, and the state they change. */
export interface RunContext {
  ctx: Ctx;
  /** The advance's transaction. */
  tx: Scope;
  run: RunRow;
  steps: Map<string, WorkflowStep>;
  maxJumps: number;
  workspace: Workspace;
  contact: typeof contacts.$inferSelect;
  /** The conversation the run is about (the contact's open one when it started), if any. */
  conversation: typeof conversations.$inferSelect | null;
  variables: Record<string, string>;
  trace: TraceEntry[];
  state: {
    status: RunRow['status'];
    wait: RunWait | null;
    reason: string | null;
    currentStepId: string | null;
    jumps: number;
    ran: number;
  };
  /** Extra jobs to queue with the new revision (e.g. the HTTP request of an http_request step). */
  jobs: { name: string; data: Record<string, unknown> }[];
  continueAt?: string;
}

export type StepExecutor<T extends StepType> = (rc: RunContext, step: StepOf<T>) => Promise<StepOutcome>;
