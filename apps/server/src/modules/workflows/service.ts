import {
  CSAT_FIELD,
  graphProblems,
  type WorkflowDraft,
  type WorkflowTemplate,
  workflowDraftSchema,
} from '@charla/contracts/workflows';
import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { customFields, teams, workflowRuns, workflows, workflowVersions } from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { Workspace } from '../workspaces/service';
import { noteWorkflowPublished } from './active-triggers';
import { stopRunsOf } from './runs';
import { workflowFromTemplate } from './templates';

type WorkflowRow = typeof workflows.$inferSelect;

export function serializeWorkflow(w: WorkflowRow, version: number | null) {
  return {
    id: w.id,
    name: w.name,
    status: w.status,
    trigger: w.trigger,
    settings: w.settings,
    graph: w.graph,
    publishedVersion: version,
    /** The draft has changes the published version lacks. */
    hasUnpublishedChanges: w.dirty === 1,
    problems: graphProblems(w.graph),
    updatedAt: w.updatedAt.toISOString(),
  };
}
export type WorkflowDto = ReturnType<typeof serializeWorkflow>;

export async function loadWorkflow(scope: Scope, id: number): Promise<WorkflowRow> {
  const [w] = await scope.find(workflows, eq(workflows.id, id), isNull(workflows.deletedAt));
  if (!w) throw notFound('Workflow');
  return w;
}

async function versionTrigger(scope: Scope, versionId: number): Promise<string | undefined> {
  const [v] = await scope.find(workflowVersions, eq(workflowVersions.id, versionId));
  return v?.trigger.type;
}

async function versionNumber(scope: Scope, versionId: number | null): Promise<number | null> {
  if (!versionId) return null;
  const [v] = await scope.find(workflowVersions, eq(workflowVersions.id, versionId));
  return v?.version ?? null;
}

export async function getWorkflow(scope: Scope, id: number): Promise<WorkflowDto> {
  const w = await loadWorkflow(scope, id);
  return serializeWorkflow(w, await versionNumber(scope, w.publishedVersionId));
}

/** The list page: every workflow with its live-run counts. */
export async function listWorkflows(scope: Scope) {
  const rows = await scope.find(workflows, isNull(workflows.deletedAt)).orderBy(desc(workflows.updatedAt));
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await scope.unscopedDb
          .select({ workflowId: workflowRuns.workflowId, status: workflowRuns.status, n: sql<number>`count(*)::int` })
          .from(workflowRuns)
          .where(and(scope.owns(workflowRuns), inArray(workflowRuns.workflowId, ids)))
          .groupBy(workflowRuns.workflowId, workflowRuns.status);
  const versions =
    ids.length === 0
      ? []
      : await scope.find(
          workflowVersions,
          inArray(
            workflowVersions.id,
            rows.map((r) => r.publishedVersionId ?? 0),
          ),
        );
  return rows.map((w) => {
    const runs = Object.fromEntries(counts.filter((c) => c.workflowId === w.id).map((c) => [c.status, c.n]));
    return {
      id: w.id,
      name: w.name,
      status: w.status,
      triggerType: w.trigger.type,
      publishedVersion: versions.find((v) => v.id === w.publishedVersionId)?.version ?? null,
      hasUnpublishedChanges: w.dirty === 1,
      runs: {
        live: (runs.active ?? 0) + (runs.waiting ?? 0),
        completed: runs.completed ?? 0,
        stopped: (runs.stopped ?? 0) + (runs.failed ?? 0),
      },
      updatedAt: w.updatedAt.toISOString(),
    };
  });
}

export async function createWorkflow(
  scope: Scope,
  userId: number | null,
  input: { draft: WorkflowDraft } | { template: WorkflowTemplate; workspace: Workspace },
): Promise<WorkflowDto> {
  const draft =
    'draft' in input
      ? input.draft
      : workflowDraftSchema.parse(
          workflowFromTemplate(input.template, {
            lang: input.workspace.locale === 'en' ? 'en' : 'es',
            teams: await scope.find(teams).orderBy(teams.id),
          }),
        );
  // The CSAT template saves ratings to a number field of its own, made here unless the workspace has one.
  if ('template' in input && input.template === 'csat') {
    const label = input.workspace.locale === 'en' ? 'Satisfaction (CSAT)' : 'Satisfacción (CSAT)';
    await scope.insert(customFields, { key: CSAT_FIELD, label, type: 'number', options: [] }).onConflictDoNothing();
  }
  const [row] = await scope.insert(workflows, { ...draft, createdBy: userId, status: 'draft', dirty: 1 }).returning();
  return serializeWorkflow(row!, null);
}

export async function updateWorkflow(scope: Scope, id: number, draft: WorkflowDraft): Promise<WorkflowDto> {
  const w = await loadWorkflow(scope, id);
  const [row] = await scope
    .update(workflows, { ...draft, dirty: 1, updatedAt: new Date() }, eq(workflows.id, w.id))
    .returning();
  return serializeWorkflow(row!, await versionNumber(scope, row!.publishedVersionId));
}

/**
 * Publishes the draft as a new immutable version. New runs start on it; runs already going finish on the
 * version they started on. Refused while the graph has problems (the builder lists them).
 */
export async function publishWorkflow(scope: Scope, id: number, userId: number | null): Promise<WorkflowDto> {
  return scope.transaction(async (tx) => {
    const [w] = await tx.find(workflows, eq(workflows.id, id), isNull(workflows.deletedAt)).for('update');
    if (!w) throw notFound('Workflow');
    const blocking = graphProblems(w.graph).filter((p) => p.code !== 'unreachable');
    if (blocking.length > 0)
      throw invalid('workflow_invalid', 'Fix the workflow’s problems before publishing', { problems: blocking });
    if (w.graph.steps.length === 0) throw invalid('workflow_empty', 'Add at least one step before publishing');
    const [{ last } = { last: null }] = await tx.unscopedDb
      .select({ last: max(workflowVersions.version) })
      .from(workflowVersions)
      .where(and(tx.owns(workflowVersions), eq(workflowVersions.workflowId, id)));
    const [v] = await tx
      .insert(workflowVersions, {
        workflowId: id,
        version: (last ?? 0) + 1,
        trigger: w.trigger,
        settings: w.settings,
        graph: w.graph,
        publishedBy: userId,
      })
      .returning();
    const [row] = await tx
      .update(
        workflows,
        { publishedVersionId: v!.id, status: 'published', dirty: 0, updatedAt: new Date() },
        eq(workflows.id, id),
      )
      .returning();
    await audit(tx, userId, 'workflow.published', { workflowId: id, version: v!.version });
    // This process starts runs from now on; others within the index's freshness window.
    noteWorkflowPublished(tx.workspaceId, w.trigger.type);
    return serializeWorkflow(row!, v!.version);
  });
}

/** Pausing stops new runs; runs already going carry on. Resuming needs a published version. */
export async function setWorkflowPaused(scope: Scope, id: number, paused: boolean): Promise<WorkflowDto> {
  const w = await loadWorkflow(scope, id);
  if (!w.publishedVersionId) throw new AppError('conflict', 'not_published', 'Publish the workflow first');
  const [row] = await scope
    .update(workflows, { status: paused ? 'paused' : 'published', updatedAt: new Date() }, eq(workflows.id, id))
    .returning();
  if (!paused) noteWorkflowPublished(scope.workspaceId, (await versionTrigger(scope, w.publishedVersionId)) ?? '*');
  return serializeWorkflow(row!, await versionNumber(scope, row!.publishedVersionId));
}

/** Deleting keeps runs' history readable but stops the live ones. */
export async function deleteWorkflow(scope: Scope, id: number, userId: number | null): Promise<void> {
  await scope.transaction(async (tx) => {
    const w = await loadWorkflow(tx, id);
    await tx.update(workflows, { deletedAt: new Date(), status: 'paused' }, eq(workflows.id, w.id));
    await stopRunsOf(tx, { workflowId: w.id }, 'workflow_deleted');
    await audit(tx, userId, 'workflow.deleted', { workflowId: id, name: w.name });
  });
}
