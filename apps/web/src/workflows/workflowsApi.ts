import type {
  GraphProblem,
  RunStatus,
  TriggerType,
  WorkflowDraft,
  WorkflowGraph,
  WorkflowSettings,
  WorkflowTemplate,
  WorkflowTrigger,
} from '@charla/contracts/workflows';
import { api, queryString } from '../api/client';
import type { ItemsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export type WorkflowStatus = 'draft' | 'published' | 'paused';

export interface WorkflowSummary {
  id: number;
  name: string;
  status: WorkflowStatus;
  triggerType: TriggerType;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  runs: { live: number; completed: number; stopped: number };
  updatedAt: string;
}

export interface Workflow {
  id: number;
  name: string;
  status: WorkflowStatus;
  trigger: WorkflowTrigger;
  settings: WorkflowSettings;
  graph: WorkflowGraph;
  publishedVersion: number | null;
  hasUnpublishedChanges: boolean;
  problems: GraphProblem[];
  updatedAt: string;
}

export interface WorkflowRun {
  id: number;
  workflowId: number;
  workflowName: string | null;
  contactId: number;
  contactName: string | null;
  conversationId: number | null;
  status: RunStatus;
  currentStepId: string | null;
  reason: string | null;
  stepsRun: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface RunsPage {
  items: WorkflowRun[];
  nextBeforeId: number | null;
}

export interface TraceRow {
  id: number;
  stepId: string | null;
  stepType: string | null;
  outcome: string;
  detail: Record<string, unknown>;
  at: string;
}

export interface RunTrace {
  run: WorkflowRun;
  version: number | null;
  steps: { id: string; type: string; label: string | null }[];
  trace: TraceRow[];
}

export type StartRunResult = { started: true; runId: number } | { started: false; reason: string };

const base = (slug: string) => `${workspacePath(slug)}/workflows`;

/** The Workflows API (managers and owners, but for shortcuts and a contact's runs). */
export const workflowsApi = {
  list: (slug: string) => api.get<ItemsResponse<WorkflowSummary>>(base(slug)),
  create: (slug: string, body: { template: WorkflowTemplate } | { draft: WorkflowDraft }) =>
    api.post<Workflow>(base(slug), body),
  get: (slug: string, id: number) => api.get<Workflow>(`${base(slug)}/${id}`),
  save: (slug: string, id: number, draft: WorkflowDraft) => api.put<Workflow>(`${base(slug)}/${id}`, draft),
  publish: (slug: string, id: number) => api.post<Workflow>(`${base(slug)}/${id}/publish`),
  pause: (slug: string, id: number, paused: boolean) => api.post<Workflow>(`${base(slug)}/${id}/pause`, { paused }),
  remove: (slug: string, id: number) => api.delete<void>(`${base(slug)}/${id}`),
  runs: (slug: string, id: number, query: { status?: string; beforeId?: number }) =>
    api.get<RunsPage>(`${base(slug)}/${id}/runs${queryString(query)}`),
  run: (slug: string, runId: number) => api.get<RunTrace>(`${workspacePath(slug)}/workflow-runs/${runId}`),
  contactRuns: (slug: string, contactId: number) =>
    api.get<RunsPage>(`${workspacePath(slug)}/contacts/${contactId}/workflow-runs`),
  shortcuts: (slug: string) =>
    api.get<ItemsResponse<{ id: number; name: string }>>(`${workspacePath(slug)}/workflow-shortcuts`),
  webhook: (slug: string, id: number, rotate = false) =>
    rotate
      ? api.post<{ url: string; secret: string }>(`${base(slug)}/${id}/webhook/rotate`)
      : api.get<{ url: string; secret: string }>(`${base(slug)}/${id}/webhook`),
  start: (slug: string, id: number, contactId: number) =>
    api.post<StartRunResult>(`${base(slug)}/${id}/run`, { contactId }),
};
