import type { WorkflowGraph } from '@charla/contracts/workflows';
import { describe, expect, it } from 'vitest';
import {
  addStep,
  autoLayout,
  blankStep,
  connect,
  disconnect,
  graphEdges,
  removeStep,
  replaceStep,
  setTarget,
  TRIGGER_NODE_ID,
  targetSlots,
} from './graphEditing';

const graph = (): WorkflowGraph => ({
  start: 'welcome',
  steps: [
    { ...blankStep('send_message', 'welcome'), next: 'check' },
    {
      id: 'check',
      type: 'branch',
      branches: [
        { match: 'all', conditions: [{ subject: 'field', field: 'email', operator: 'not_exists' }], next: 'ask' },
      ],
      else: 'skip',
    },
    { ...blankStep('ask_question', 'ask'), next: 'thanks', onInvalid: 'thanks' },
    { id: 'skip', type: 'jump', to: 'thanks' },
    blankStep('send_message', 'thanks'),
  ],
  layout: { welcome: { x: 5, y: 7 } },
});

describe('builder graph edits', () => {
  it('lists every output of a step, connected or not', () => {
    const [, check, ask] = graph().steps;
    expect(targetSlots(check!)).toEqual([
      { path: 'branches.0.next', to: 'ask', branch: 0 },
      { path: 'else', to: 'skip' },
    ]);
    expect(targetSlots(ask!).map((t) => [t.path, t.to])).toEqual([
      ['next', 'thanks'],
      ['onInvalid', 'thanks'],
      ['onTimeout', null],
    ]);
  });

  it('draws an edge for the start and for every connected output', () => {
    const ids = graphEdges(graph()).map((e) => `${e.source}/${e.sourceHandle}->${e.target}`);
    expect(ids).toEqual([
      `${TRIGGER_NODE_ID}/start->welcome`,
      'welcome/next->check',
      'check/branches.0.next->ask',
      'check/else->skip',
      'ask/next->thanks',
      'ask/onInvalid->thanks',
      'skip/to->thanks',
    ]);
  });

  it('connects and disconnects outputs, branches included', () => {
    const check = graph().steps[1]!;
    const moved = setTarget(check, 'branches.0.next', 'thanks');
    expect(moved.type === 'branch' && moved.branches[0]!.next).toBe('thanks');
    expect(setTarget(graph().steps[3]!, 'to', null)).toMatchObject({ to: '' });
  });

  it('removes a step with every connection to it and its position', () => {
    const g = removeStep(graph(), 'thanks');
    expect(g.steps.map((s) => s.id)).toEqual(['welcome', 'check', 'ask', 'skip']);
    expect(g.steps[2]).toMatchObject({ next: null, onInvalid: null });
    expect(g.steps[3]).toMatchObject({ to: '' });
    expect(removeStep(graph(), 'welcome').start).toBeNull();
  });

  it('renames a step and the connections to it', () => {
    const g = replaceStep(graph(), 'welcome', { ...graph().steps[0]!, id: 'hello' });
    expect(g.start).toBe('hello');
    expect(g.layout).toEqual({ hello: { x: 5, y: 7 } });
  });

  it('adds steps with unique ids, the first one as start', () => {
    const empty: WorkflowGraph = { start: null, steps: [], layout: {} };
    const one = addStep(empty, 'wait', { x: 1, y: 2 });
    const two = addStep(one.graph, 'wait', { x: 3, y: 4 });
    expect([one.id, two.id]).toEqual(['wait_1', 'wait_2']);
    expect(two.graph.start).toBe('wait_1');
    expect(two.graph.layout.wait_2).toEqual({ x: 3, y: 4 });
  });

  it('lays out unplaced steps top-down by distance from the start, keeping saved positions', () => {
    const layout = autoLayout(graph());
    expect(layout.welcome).toEqual({ x: 5, y: 7 });
    expect(layout.check!.y).toBeLessThan(layout.ask!.y);
    expect(layout.ask!.y).toBe(layout.skip!.y);
    expect(layout.ask!.x).not.toBe(layout.skip!.x);
    expect(layout.thanks!.y).toBeGreaterThan(layout.ask!.y);
    expect(layout[TRIGGER_NODE_ID]).toEqual({ x: 0, y: 0 });
  });

  it('connects by dragging (the trigger sets the start) and disconnects by edge id', () => {
    const g = connect(graph(), 'ask', 'onTimeout', 'skip');
    expect(g.steps[2]).toMatchObject({ onTimeout: 'skip' });
    expect(connect(graph(), TRIGGER_NODE_ID, 'start', 'ask').start).toBe('ask');
    expect(connect(graph(), 'ask', 'next', TRIGGER_NODE_ID)).toEqual(graph());
    const cut = disconnect(graph(), 'check:branches.0.next');
    expect(cut.steps[1]).toMatchObject({ branches: [{ next: null }], else: 'skip' });
    expect(disconnect(graph(), `${TRIGGER_NODE_ID}:start`).start).toBeNull();
  });
});
