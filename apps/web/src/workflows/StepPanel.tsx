import type { WorkflowGraph, WorkflowStep } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { Select, TextInput } from './fields';
import { setTarget, targetSlots } from './graphEditing';
import { outputLabel, stepName } from './outputLabel';
import { StepForm } from './StepForm';
import type { FieldErrorKind } from './stepValidation';

interface StepPanelProps {
  slug: string;
  graph: WorkflowGraph;
  step: WorkflowStep;
  errors: Record<string, FieldErrorKind>;
  onChange: (step: WorkflowStep) => void;
  onSetStart: () => void;
  onDelete: () => void;
  onClose: () => void;
}

/** The side panel of the selected step: its name, its form, where each output leads, start and delete. */
export function StepPanel({ slug, graph, step, errors, onChange, onSetStart, onDelete, onClose }: StepPanelProps) {
  const { t } = useTranslation();
  const err = (path: string) => (errors[path] ? t(`workflows.form.${errors[path]}`) : undefined);
  const others = graph.steps.filter((s) => s.id !== step.id);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section className="card builder-panel" aria-labelledby="step-panel-title">
      <header className="builder-panel-header">
        <h2 id="step-panel-title">{t(`workflows.steps.${step.type}`)}</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          {t('workflows.panel.close')}
        </button>
      </header>
      <p className="muted">
        {t('workflows.panel.stepId')}: <code className="code-inline">{step.id}</code>
      </p>
      {hasErrors && (
        <p className="notice notice-error" role="alert">
          {t('workflows.panel.errors')}
        </p>
      )}
      <TextInput
        label={t('workflows.panel.label')}
        value={step.label}
        error={err('label')}
        onChange={(label) => onChange({ ...step, label: label || undefined })}
      />
      <StepForm slug={slug} step={step} err={err} onChange={onChange} />
      <fieldset className="rows-field">
        <legend>{t('workflows.panel.outputs')}</legend>
        {targetSlots(step).map((slot) => (
          <Select
            key={slot.path}
            label={outputLabel(t, step, slot)}
            value={slot.to ?? ''}
            error={err(slot.path)}
            options={[
              { value: '', label: t('workflows.outputs.none') },
              ...others.map((s) => ({ value: s.id, label: `${stepName(t, s)} (${s.id})` })),
            ]}
            onChange={(to) => onChange(setTarget(step, slot.path, to || null))}
          />
        ))}
      </fieldset>
      <div className="row-actions">
        {graph.start === step.id ? (
          <span className="status-pill status-active">{t('workflows.panel.isStart')}</span>
        ) : (
          <button type="button" className="button button-small" onClick={onSetStart}>
            {t('workflows.panel.setStart')}
          </button>
        )}
        <button type="button" className="button button-small button-danger" onClick={onDelete}>
          {t('workflows.panel.deleteStep')}
        </button>
      </div>
    </section>
  );
}
