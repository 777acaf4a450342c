import type { WorkflowGraph, WorkflowSettings, WorkflowTrigger } from '@charla/contracts/workflows';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns';
import { contacts } from './contacts';
import { conversations } from './conversations';
import { users, workspaces } from './tenancy';

/** The editable workflow: its draft, and which immutable version (if any) runs. */
export const workflows = pgTable(
  'workflows',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    trigger: jsonb('trigger').$type<WorkflowTrigger>().notNull(),
    settings: jsonb('settings').$type<WorkflowSettings>().notNull(),
    graph: jsonb('graph').$type<WorkflowGraph>().notNull(),
    /** `published`: new runs start on `publishedVersionId`; `paused`: no new runs (running ones finish). */
    status: text('status', { enum: ['draft', 'published', 'paused'] })
      .notNull()
      .default('draft'),
    publishedVersionId: ref('published_version_id'),
    /** The draft differs from the published version. */
    dirty: integer('dirty').notNull().default(1),
    /** Signs incoming-webhook trigger calls (HMAC-SHA256), kept encrypted. */
    webhookSecret: text('webhook_secret'),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('workflows_ws_idx').on(t.workspaceId, t.status)],
);

/** A published snapshot. Never updated: runs finish on the version they started on. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: ref('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    trigger: jsonb('trigger').$type<WorkflowTrigger>().notNull(),
    settings: jsonb('settings').$type<WorkflowSettings>().notNull(),
    graph: jsonb('graph').$type<WorkflowGraph>().notNull(),
    publishedBy: ref('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workflow_versions_uq').on(t.workflowId, t.version)],
);

/** What a waiting run waits for; `revision` guards against stale resumes. */
export type RunWait =
  | { kind: 'answer'; stepId: string; attempts: number; afterMessageId: number; timeoutAt: string | null }
  | { kind: 'timer'; stepId: string; until: string }
  | { kind: 'assign'; stepId: string; timeoutAt: string | null }
  | { kind: 'http'; stepId: string }
  /**
   * The AI assistant holds the conversation: messages after `afterMessageId` are the next question; while
   * `pendingMessageId` is set, the chat API is answering the messages up to it.
   */
  | {
      kind: 'ai';
      stepId: string;
      turns: number;
      afterMessageId: number;
      pendingMessageId: number | null;
      timeoutAt: string | null;
    };

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: ref('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    versionId: ref('version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    conversationId: ref('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['active', 'waiting', 'completed', 'stopped', 'failed'] }).notNull(),
    /** The step being run or waited on; the last one once finished. */
    currentStepId: text('current_step_id'),
    variables: jsonb('variables').$type<Record<string, string>>().notNull().default({}),
    wait: jsonb('wait').$type<RunWait>(),
    /** Bumped on every state change; a queued resume carrying an older revision is ignored. */
    revision: integer('revision').notNull().default(0),
    jumps: integer('jumps').notNull().default(0),
    stepsRun: integer('steps_run').notNull().default(0),
    /** Why it stopped or failed (`bot_paused`, `too_many_jumps`, `step_failed: …`). */
    reason: text('reason'),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: ts('started_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    // A contact is in at most one live run of a workflow.
    uniqueIndex('workflow_runs_live_uq').on(t.workflowId, t.contactId).where(sql`${t.status} in ('active', 'waiting')`),
    index('workflow_runs_contact_idx').on(t.contactId, t.status),
    index('workflow_runs_workflow_idx').on(t.workflowId, t.id),
  ],
);

/** The run trace: one row per step run (and per answer, timeout, resume). */
export const workflowRunSteps = pgTable(
  'workflow_run_steps',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    runId: ref('run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    stepId: text('step_id'),
    stepType: text('step_type'),
    /** `done`, `waiting`, `answered`, `invalid_answer`, `timeout`, `skipped`, `failed`, `stopped`… */
    outcome: text('outcome').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('workflow_run_steps_run_idx').on(t.runId, t.id)],
);
