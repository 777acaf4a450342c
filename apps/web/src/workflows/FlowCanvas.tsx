import type { GraphProblem, WorkflowGraph } from '@charla/contracts/workflows';
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MarkerType,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect, disconnect, graphEdges, type Layout, removeStep, TRIGGER_NODE_ID, targetSlots } from './graphEditing';
import { outputLabel } from './outputLabel';
import { type StepFlowNode, StepNode, type TriggerFlowNode, TriggerNode } from './StepNode';

const nodeTypes = { step: StepNode, trigger: TriggerNode };
const FIT = { padding: 0.15, maxZoom: 1 };

interface FlowCanvasProps {
  graph: WorkflowGraph;
  layout: Layout;
  triggerLabel: string;
  selected: string | null;
  invalidSteps: Set<string>;
  problems: GraphProblem[];
  onSelect: (id: string | null) => void;
  /** Every edit as a function of the latest graph (React Flow reports several changes at once). */
  onEdit: (edit: (graph: WorkflowGraph) => WorkflowGraph) => void;
}

/** The React Flow canvas: nodes from the steps, edges from their target fields; every edit goes back as a graph. */
export function FlowCanvas({
  graph,
  layout,
  triggerLabel,
  selected,
  invalidSteps,
  problems,
  onSelect,
  onEdit,
}: FlowCanvasProps) {
  const { t } = useTranslation();
  const nodes = useMemo<(StepFlowNode | TriggerFlowNode)[]>(
    () => [
      {
        id: TRIGGER_NODE_ID,
        type: 'trigger',
        position: layout[TRIGGER_NODE_ID] ?? { x: 0, y: 0 },
        data: { label: triggerLabel },
        selected: selected === TRIGGER_NODE_ID,
        deletable: false,
      },
      ...graph.steps.map<StepFlowNode>((step) => ({
        id: step.id,
        type: 'step',
        position: layout[step.id] ?? { x: 0, y: 0 },
        selected: selected === step.id,
        data: {
          step,
          isStart: graph.start === step.id,
          invalid: invalidSteps.has(step.id),
          problem: problems.some((p) => p.stepId === step.id && p.code !== 'unreachable'),
        },
      })),
    ],
    [graph, layout, triggerLabel, selected, invalidSteps, problems],
  );
  // The selected connection (a step's selection is the builder's; only one of the two at a time).
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  // Fit the view when a step is added or removed, once React Flow has measured it.
  const [flow, setFlow] = useState<ReactFlowInstance<StepFlowNode | TriggerFlowNode, Edge> | null>(null);
  const count = graph.steps.length;
  useEffect(() => {
    if (!flow || count === 0) return;
    const timer = setTimeout(() => void flow.fitView(FIT), 50);
    return () => clearTimeout(timer);
  }, [flow, count]);
  const byId = useMemo(() => new Map(graph.steps.map((s) => [s.id, s])), [graph.steps]);
  const edges = useMemo<Edge[]>(
    () =>
      graphEdges(graph).map((e) => {
        const step = byId.get(e.source);
        const slot = step && targetSlots(step).find((s) => s.path === e.sourceHandle);
        return {
          ...e,
          label: step && slot ? outputLabel(t, step, slot) : t('workflows.outputs.start'),
          markerEnd: { type: MarkerType.ArrowClosed },
          selected: e.id === selectedEdge,
        };
      }),
    [graph, byId, t, selectedEdge],
  );

  function onNodesChange(changes: NodeChange<StepFlowNode | TriggerFlowNode>[]) {
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        const position = c.position;
        onEdit((g) => ({ ...g, layout: { ...g.layout, [c.id]: position } }));
      }
      if (c.type === 'remove' && c.id !== TRIGGER_NODE_ID) onEdit((g) => removeStep(g, c.id));
      if (c.type === 'select' && c.selected) {
        setSelectedEdge(null);
        onSelect(c.id);
      }
    }
  }

  function onEdgesChange(changes: EdgeChange[]) {
    for (const c of changes) {
      if (c.type === 'remove') onEdit((g) => disconnect(g, c.id));
      if (c.type === 'select' && c.selected) {
        setSelectedEdge(c.id);
        onSelect(null);
      }
    }
  }

  function onConnect(c: Connection) {
    onEdit((g) => connect(g, c.source, c.sourceHandle ?? null, c.target));
  }

  return (
    <div className="flow-canvas" role="application" aria-label={t('workflows.builder.canvas')}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={() => {
          setSelectedEdge(null);
          onSelect(null);
        }}
        deleteKeyCode={['Backspace', 'Delete']}
        onInit={setFlow}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}
