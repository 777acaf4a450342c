import type { WorkflowGraph, WorkflowStep } from './workflows';

/** Checks of a workflow graph shared by the builder (shown live) and the server (they block publishing). */

export interface GraphProblem {
  stepId: string | null;
  code:
    | 'no_start'
    | 'unknown_start'
    | 'duplicate_id'
    | 'unknown_target'
    | 'self_jump'
    | 'no_choices'
    | 'min_above_max'
    | 'missing_assignee'
    | 'unreachable';
  /** The field of the step that is wrong (`next`, `branches.1.next`…). */
  path?: string;
}

/** The step fields that point at other steps, with their paths. */
export function stepTargets(step: WorkflowStep): { path: string; to: string }[] {
  const out: { path: string; to: string }[] = [];
  const add = (path: string, to: string | null | undefined) => {
    if (to) out.push({ path, to });
  };
  if (step.type === 'jump') add('to', step.to);
  else if ('next' in step) add('next', step.next);
  if (step.type === 'ask_question') {
    add('onInvalid', step.onInvalid);
    add('onTimeout', step.onTimeout);
  }
  if (step.type === 'assign') add('onTimeout', step.onTimeout);
  if (step.type === 'branch') {
    step.branches.forEach((b, i) => {
      add(`branches.${i}.next`, b.next);
    });
    add('else', step.else);
  }
  if (step.type === 'date_time') add('else', step.else);
  if (step.type === 'http_request' || step.type === 'google_sheets_row') add('onError', step.onError);
  if (step.type === 'ai_assistant') add('onHandover', step.onHandover);
  return out;
}

/**
 * What must be fixed before a graph can be published (the builder shows the same list). `unreachable`
 * steps are reported too: they are never run, which is almost always a mistake.
 */
export function graphProblems(graph: WorkflowGraph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set<string>();
  for (const s of graph.steps) {
    if (ids.has(s.id)) problems.push({ stepId: s.id, code: 'duplicate_id' });
    ids.add(s.id);
  }
  if (graph.steps.length > 0 && !graph.start) problems.push({ stepId: null, code: 'no_start' });
  if (graph.start && !ids.has(graph.start)) problems.push({ stepId: null, code: 'unknown_start' });
  for (const s of graph.steps) {
    for (const t of stepTargets(s)) {
      if (!ids.has(t.to)) problems.push({ stepId: s.id, code: 'unknown_target', path: t.path });
    }
    if (s.type === 'jump' && s.to === s.id) problems.push({ stepId: s.id, code: 'self_jump', path: 'to' });
    if (s.type === 'ask_question' && s.questionType === 'multiple_choice' && s.choices.length === 0)
      problems.push({ stepId: s.id, code: 'no_choices', path: 'choices' });
    if (s.type === 'ask_question' && s.min !== undefined && s.max !== undefined && s.min > s.max)
      problems.push({ stepId: s.id, code: 'min_above_max', path: 'min' });
    if (s.type === 'assign' && s.target === 'user' && !s.userId)
      problems.push({ stepId: s.id, code: 'missing_assignee', path: 'userId' });
    if (s.type === 'assign' && s.target === 'team' && !s.teamId)
      problems.push({ stepId: s.id, code: 'missing_assignee', path: 'teamId' });
  }
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = graph.start && byId.has(graph.start) ? [graph.start] : [];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const t of stepTargets(byId.get(id)!)) if (byId.has(t.to)) queue.push(t.to);
  }
  for (const s of graph.steps) if (!seen.has(s.id)) problems.push({ stepId: s.id, code: 'unreachable' });
  return problems;
}
