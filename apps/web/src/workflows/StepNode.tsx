import type { WorkflowStep } from '@charla/contracts/workflows';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { targetSlots } from './graphEditing';
import { outputLabel } from './outputLabel';

export type StepNodeData = { step: WorkflowStep; isStart: boolean; invalid: boolean; problem: boolean };
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type TriggerFlowNode = Node<{ label: string }, 'trigger'>;

const summary = (step: WorkflowStep) => ('text' in step ? step.text : '');

/** A step on the canvas: type, name, a short summary, one input on top and an output per target field below. */
export function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { t } = useTranslation();
  const { step } = data;
  const slots = targetSlots(step);
  const classes = [
    'flow-node',
    selected && 'flow-node-selected',
    (data.invalid || data.problem) && 'flow-node-invalid',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-step-id={step.id}>
      <Handle type="target" position={Position.Top} />
      <div className="flow-node-type">
        {t(`workflows.steps.${step.type}`)}
        {data.isStart && <span className="status-pill status-active">{t('workflows.builder.start')}</span>}
      </div>
      <div className="flow-node-label">{step.label || step.id}</div>
      {summary(step) && <div className="flow-node-summary">{summary(step)}</div>}
      <div className="flow-node-outputs">
        {slots.map((slot) => (
          <span key={slot.path}>{outputLabel(t, step, slot)}</span>
        ))}
      </div>
      {slots.map((slot, i) => (
        <Handle
          key={slot.path}
          id={slot.path}
          type="source"
          position={Position.Bottom}
          style={{ left: `${((i + 1) / (slots.length + 1)) * 100}%` }}
          title={outputLabel(t, step, slot)}
        />
      ))}
    </div>
  );
}

/** The trigger: where every run starts; its output leads to the start step. */
export function TriggerNode({ data, selected }: NodeProps<TriggerFlowNode>) {
  const { t } = useTranslation();
  return (
    <div className={selected ? 'flow-node flow-node-trigger flow-node-selected' : 'flow-node flow-node-trigger'}>
      <div className="flow-node-type">{t('workflows.builder.trigger')}</div>
      <div className="flow-node-label">{data.label}</div>
      <Handle id="start" type="source" position={Position.Bottom} title={t('workflows.outputs.start')} />
    </div>
  );
}
