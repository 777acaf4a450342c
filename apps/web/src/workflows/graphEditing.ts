import type { StepOf, StepType, WorkflowGraph, WorkflowStep } from '@charla/contracts/workflows';

/**
 * Pure graph edits for the builder: the outputs a step has, connecting and disconnecting them, adding and
 * removing steps and a top-down layout for steps that have no saved position. No React here.
 */

export type Position = { x: number; y: number };
export type Layout = Record<string, Position>;

/** One output of a step: the field that holds the target (`next`, `branches.0.next`…) and where it points. */
export interface TargetSlot {
  path: string;
  to: string | null;
  /** For branch outputs: the branch's index (the label is the branch's own, or "Rama n"). */
  branch?: number;
}

const NODE_WIDTH = 240;
const NODE_HEIGHT = 170;
export const TRIGGER_NODE_ID = '__trigger';

/** Every output a step has, connected or not, in display order. */
export function targetSlots(step: WorkflowStep): TargetSlot[] {
  const slot = (path: string, to: string | null | undefined): TargetSlot => ({ path, to: to || null });
  switch (step.type) {
    case 'jump':
      return [slot('to', step.to)];
    case 'ask_question':
      return [slot('next', step.next), slot('onInvalid', step.onInvalid), slot('onTimeout', step.onTimeout)];
    case 'assign':
      return [slot('next', step.next), slot('onTimeout', step.onTimeout)];
    case 'branch':
      return [
        ...step.branches.map((b, i) => ({ ...slot(`branches.${i}.next`, b.next), branch: i })),
        slot('else', step.else),
      ];
    case 'date_time':
      return [slot('next', step.next), slot('else', step.else)];
    case 'http_request':
    case 'google_sheets_row':
      return [slot('next', step.next), slot('onError', step.onError)];
    case 'ai_assistant':
      return [slot('next', step.next), slot('onHandover', step.onHandover)];
    default:
      return [slot('next', step.next)];
  }
}

/** The step with the output at `path` pointing at `to` (null disconnects it). */
export function setTarget(step: WorkflowStep, path: string, to: string | null): WorkflowStep {
  const branch = /^branches\.(\d+)\.next$/.exec(path);
  if (branch && step.type === 'branch') {
    const index = Number(branch[1]);
    return { ...step, branches: step.branches.map((b, i) => (i === index ? { ...b, next: to } : b)) };
  }
  if (path === 'to') return { ...step, to: to ?? '' } as WorkflowStep;
  return { ...step, [path]: to } as WorkflowStep;
}

/** The connections of the graph: trigger → start, then every connected output. */
export function graphEdges(graph: WorkflowGraph) {
  const ids = new Set(graph.steps.map((s) => s.id));
  const edges: { id: string; source: string; sourceHandle: string; target: string }[] = [];
  if (graph.start && ids.has(graph.start))
    edges.push({ id: `${TRIGGER_NODE_ID}:start`, source: TRIGGER_NODE_ID, sourceHandle: 'start', target: graph.start });
  for (const step of graph.steps)
    for (const t of targetSlots(step))
      if (t.to && ids.has(t.to))
        edges.push({ id: `${step.id}:${t.path}`, source: step.id, sourceHandle: t.path, target: t.to });
  return edges;
}

/** A new, unused step id such as `ask_question_2`. */
export function newStepId(graph: WorkflowGraph, type: StepType): string {
  const ids = new Set(graph.steps.map((s) => s.id));
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`;
    if (!ids.has(id)) return id;
  }
}

/** A step of `type` with the defaults the schema would fill (its required texts still empty). */
export function blankStep<T extends StepType>(type: T, id: string): StepOf<T> {
  const base = { id, next: null };
  const steps: { [T in StepType]: Omit<Extract<WorkflowStep, { type: T }>, 'id' | 'type'> } = {
    send_message: { ...base, text: '', buttons: [] },
    ask_question: {
      ...base,
      text: '',
      questionType: 'text',
      choices: [],
      dateFormat: 'DD/MM/YYYY',
      maxAttempts: 2,
      saveTo: { kind: 'none' },
    },
    assign: { ...base, target: 'workspace', strategy: 'round_robin', onlyOnline: true },
    branch: {
      branches: [{ match: 'all', conditions: [{ subject: 'field', field: 'email', operator: 'exists' }], next: null }],
      else: null,
    },
    update_tag: { ...base, action: 'add', tags: [] },
    update_field: { ...base, field: '', value: '' },
    update_lifecycle: { ...base, stage: '' },
    open_conversation: base,
    close_conversation: { ...base, resumeBot: false },
    add_comment: { ...base, text: '' },
    block_contact: base,
    jump: { to: '' },
    wait: { ...base, amount: 1, unit: 'hours' },
    date_time: { ...base, mode: 'workspace', weekly: [], ranges: [] },
    http_request: { ...base, method: 'GET', url: '', headers: [], timeoutSeconds: 10, mapping: [] },
    trigger_workflow: { ...base, workflowId: 0 },
    google_sheets_row: { ...base, spreadsheetId: '', range: '', values: [''] },
    ai_assistant: { ...base, maxTurns: 10, idleMinutes: 30, onHandover: null },
  };
  return { id, type, ...steps[type] } as unknown as StepOf<T>;
}

/** Adds a blank step at `position`; the first step of an empty graph becomes its start. */
export function addStep(
  graph: WorkflowGraph,
  type: StepType,
  position: Position,
): { graph: WorkflowGraph; id: string } {
  const id = newStepId(graph, type);
  return {
    id,
    graph: {
      start: graph.start ?? id,
      steps: [...graph.steps, blankStep(type, id)],
      layout: { ...graph.layout, [id]: position },
    },
  };
}

/** Removes a step and every connection to it (a Jump to it is left without a target). */
export function removeStep(graph: WorkflowGraph, id: string): WorkflowGraph {
  const { [id]: _removed, ...layout } = graph.layout;
  return {
    start: graph.start === id ? null : graph.start,
    steps: graph.steps
      .filter((s) => s.id !== id)
      .map((s) => targetSlots(s).reduce((step, t) => (t.to === id ? setTarget(step, t.path, null) : step), s)),
    layout,
  };
}

/** Replaces one step (found by its id before the edit, so the id itself can change). */
export function replaceStep(graph: WorkflowGraph, oldId: string, step: WorkflowStep): WorkflowGraph {
  if (oldId === step.id) return { ...graph, steps: graph.steps.map((s) => (s.id === oldId ? step : s)) };
  const { [oldId]: position, ...layout } = graph.layout;
  return {
    start: graph.start === oldId ? step.id : graph.start,
    steps: graph.steps.map((s) =>
      s.id === oldId
        ? step
        : targetSlots(s).reduce((next, t) => (t.to === oldId ? setTarget(next, t.path, step.id) : next), s),
    ),
    layout: position ? { ...layout, [step.id]: position } : layout,
  };
}

/**
 * Positions for every step: the saved ones, and for the rest a top-down layering by distance from the
 * start (steps the start never reaches go in a last row). The trigger sits above the first row.
 */
export function autoLayout(graph: WorkflowGraph): Layout {
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const queue: string[] = graph.start && byId.has(graph.start) ? [graph.start] : [];
  if (queue[0]) depth.set(queue[0], 1);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const t of targetSlots(byId.get(id)!)) {
      if (t.to && byId.has(t.to) && !depth.has(t.to)) {
        depth.set(t.to, depth.get(id)! + 1);
        queue.push(t.to);
      }
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const s of graph.steps) {
    const d = depth.get(s.id) ?? last;
    rows.set(d, [...(rows.get(d) ?? []), s.id]);
  }
  const layout: Layout = { [TRIGGER_NODE_ID]: graph.layout[TRIGGER_NODE_ID] ?? { x: 0, y: 0 } };
  for (const [d, ids] of rows)
    ids.forEach((id, i) => {
      layout[id] = graph.layout[id] ?? { x: (i - (ids.length - 1) / 2) * NODE_WIDTH, y: d * NODE_HEIGHT };
    });
  return layout;
}

/** Connects an output (the trigger's sets the start step); connecting into the trigger is ignored. */
export function connect(graph: WorkflowGraph, source: string, handle: string | null, target: string): WorkflowGraph {
  if (target === TRIGGER_NODE_ID || source === target) return graph;
  if (source === TRIGGER_NODE_ID) return { ...graph, start: target };
  return { ...graph, steps: graph.steps.map((s) => (s.id === source ? setTarget(s, handle ?? 'next', target) : s)) };
}

/** Removes the connection drawn as edge `id` (`step:path`, or the trigger's `__trigger:start`). */
export function disconnect(graph: WorkflowGraph, id: string): WorkflowGraph {
  const at = id.indexOf(':');
  const source = id.slice(0, at);
  const path = id.slice(at + 1);
  if (source === TRIGGER_NODE_ID) return { ...graph, start: null };
  return { ...graph, steps: graph.steps.map((s) => (s.id === source ? setTarget(s, path, null) : s)) };
}
