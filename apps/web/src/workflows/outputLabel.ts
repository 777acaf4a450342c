import type { WorkflowStep } from '@charla/contracts/workflows';
import type { TFunction } from 'i18next';
import type { TargetSlot } from './graphEditing';

/** "Siguiente", "Si no", a branch's own label or "Rama 2"… */
export function outputLabel(t: TFunction, step: WorkflowStep, slot: TargetSlot): string {
  if (slot.branch !== undefined && step.type === 'branch')
    return step.branches[slot.branch]?.label || t('workflows.outputs.branch', { n: slot.branch + 1 });
  if (step.type === 'ai_assistant' && slot.path === 'next') return t('workflows.outputs.aiDone');
  return t(
    `workflows.outputs.${slot.path as 'next' | 'onInvalid' | 'onTimeout' | 'else' | 'onError' | 'to' | 'onHandover'}`,
  );
}

/** A step's name on the canvas and in traces: its label, else its type's name. */
export function stepName(t: TFunction, step: { type: string; label?: string | null }): string {
  return step.label || t(`workflows.steps.${step.type as WorkflowStep['type']}`);
}
