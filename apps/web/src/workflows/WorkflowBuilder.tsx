import {
  graphProblems,
  type StepType,
  type WorkflowDraft,
  type WorkflowGraph,
  type WorkflowStep,
} from '@charla/contracts/workflows';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BuilderToolbar } from './BuilderToolbar';
import { FlowCanvas } from './FlowCanvas';
import { addStep, autoLayout, removeStep, replaceStep, TRIGGER_NODE_ID } from './graphEditing';
import { ProblemsPanel } from './ProblemsPanel';
import { StepPalette } from './StepPalette';
import { StepPanel } from './StepPanel';
import { stepErrors } from './stepValidation';
import { TriggerPanel } from './TriggerPanel';
import { useBuilderActions } from './useBuilderActions';
import type { Workflow } from './workflowsApi';

const draftOf = (w: Workflow): WorkflowDraft => ({
  name: w.name,
  trigger: w.trigger,
  settings: w.settings,
  graph: w.graph,
});

/** The visual builder: toolbar, canvas, and the side column (selected step or trigger, palette, problems). */
export function WorkflowBuilder({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(workflow));
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const actions = useBuilderActions(slug, workflow.id, (w) => {
    setDirty(false);
    setNotice(
      w.status === 'draft' || w.hasUnpublishedChanges
        ? t('workflows.builder.saved')
        : t('workflows.builder.published', { version: w.publishedVersion }),
    );
  });

  // Closing or reloading the tab with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const { graph } = draft;
  const layout = useMemo(() => autoLayout(graph), [graph]);
  const problems = useMemo(() => graphProblems(graph), [graph]);
  const errors = useMemo(() => new Map(graph.steps.map((s) => [s.id, stepErrors(s)])), [graph.steps]);
  const invalidSteps = useMemo(
    () => new Set([...errors].filter(([, e]) => Object.keys(e).length > 0).map(([id]) => id)),
    [errors],
  );
  const blocking = problems.some((p) => p.code !== 'unreachable');
  const step = graph.steps.find((s) => s.id === selected);

  function update(change: (d: WorkflowDraft) => WorkflowDraft) {
    setDraft(change);
    setDirty(true);
    setNotice(null);
    setLocalError(null);
  }
  const edit = (patch: Partial<WorkflowDraft>) => update((d) => ({ ...d, ...patch }));
  const editGraph = (next: WorkflowDraft['graph']) => edit({ graph: next });
  const onCanvasEdit = (change: (g: WorkflowGraph) => WorkflowGraph) =>
    update((d) => ({ ...d, graph: change(d.graph) }));

  function add(type: StepType) {
    const ys = Object.values(layout).map((p) => p.y);
    const added = addStep({ ...graph, layout }, type, { x: 0, y: Math.max(0, ...ys) + 140 });
    editGraph(added.graph);
    setSelected(added.id);
  }

  function save(publish: boolean) {
    if (invalidSteps.size > 0) {
      setLocalError(t('workflows.builder.invalidSteps', { steps: [...invalidSteps].join(', ') }));
      setSelected([...invalidSteps][0] ?? null);
      return;
    }
    actions.save.mutate({ draft: { ...draft, graph: { ...graph, layout } }, publish });
  }

  return (
    <div className="builder">
      <BuilderToolbar
        workflow={workflow}
        name={draft.name}
        onName={(name) => edit({ name })}
        dirty={dirty}
        localError={localError}
        blocking={blocking}
        notice={notice}
        actions={actions}
        onSave={save}
      />
      <div className="builder-main">
        <FlowCanvas
          graph={graph}
          layout={layout}
          triggerLabel={t(`workflows.triggers.${draft.trigger.type}`)}
          selected={selected}
          invalidSteps={invalidSteps}
          problems={problems}
          onSelect={setSelected}
          onEdit={onCanvasEdit}
        />
        <aside className="builder-side">
          {step && (
            <StepPanel
              key={step.id}
              slug={slug}
              graph={graph}
              step={step}
              errors={errors.get(step.id) ?? {}}
              onChange={(s: WorkflowStep) => editGraph(replaceStep(graph, step.id, s))}
              onSetStart={() => editGraph({ ...graph, start: step.id })}
              onDelete={() => {
                editGraph(removeStep(graph, step.id));
                setSelected(null);
              }}
              onClose={() => setSelected(null)}
            />
          )}
          {selected === TRIGGER_NODE_ID && (
            <TriggerPanel
              slug={slug}
              workflowId={workflow.id}
              draft={draft}
              onChange={edit}
              onClose={() => setSelected(null)}
            />
          )}
          <p className="muted builder-hint">{t('workflows.builder.hint')}</p>
          <StepPalette onAdd={add} />
          <ProblemsPanel graph={graph} problems={problems} onSelect={setSelected} />
        </aside>
      </div>
    </div>
  );
}
