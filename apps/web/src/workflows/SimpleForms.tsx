import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { Checkbox, LinesInput, NumberInput, Select, TextInput } from './fields';
import type { StepFormProps } from './stepForm';
import { workflowsApi } from './workflowsApi';

/** Actualizar etiqueta: add or remove tags. */
export function UpdateTagForm({ step, onChange, err }: StepFormProps<'update_tag'>) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('workflows.form.tagAction')}
        value={step.action}
        options={(['add', 'remove'] as const).map((a) => ({ value: a, label: t(`workflows.form.tagActions.${a}`) }))}
        onChange={(action) => onChange({ ...step, action })}
      />
      <LinesInput
        label={t('workflows.form.tags')}
        hint={t('workflows.form.onePerLine')}
        value={step.tags}
        error={err('tags')}
        onChange={(tags) => onChange({ ...step, tags })}
      />
    </>
  );
}

/** Actualizar campo de contacto: the field and its new value (variables allowed; empty clears it). */
export function UpdateFieldForm({ step, onChange, err }: StepFormProps<'update_field'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('workflows.form.field')}
        value={step.field}
        error={err('field')}
        onChange={(field) => onChange({ ...step, field })}
      />
      <TextInput
        label={t('workflows.form.fieldValue')}
        value={step.value}
        error={err('value')}
        onChange={(value) => onChange({ ...step, value })}
      />
    </>
  );
}

/** Actualizar etapa del ciclo de vida. */
export function UpdateLifecycleForm({ step, onChange, err }: StepFormProps<'update_lifecycle'>) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('workflows.form.stage')}
      value={step.stage}
      error={err('stage')}
      onChange={(stage) => onChange({ ...step, stage })}
    />
  );
}

/** Cerrar conversación: closing category and summary, and whether the bot comes back on. */
export function CloseConversationForm({ step, onChange, err }: StepFormProps<'close_conversation'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('workflows.form.category')}
        value={step.category}
        error={err('category')}
        onChange={(category) => onChange({ ...step, category: category || undefined })}
      />
      <TextInput
        multiline
        label={t('workflows.form.summary')}
        value={step.summary}
        error={err('summary')}
        onChange={(summary) => onChange({ ...step, summary: summary || undefined })}
      />
      <Checkbox
        label={t('workflows.form.resumeBot')}
        checked={step.resumeBot}
        onChange={(resumeBot) => onChange({ ...step, resumeBot })}
      />
    </>
  );
}

/** Esperar: an amount of seconds, minutes, hours or days. */
export function WaitForm({ step, onChange, err }: StepFormProps<'wait'>) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <NumberInput
        label={t('workflows.form.amount')}
        value={step.amount}
        error={err('amount')}
        onChange={(amount) => onChange({ ...step, amount: amount ?? 0 })}
      />
      <Select
        label={t('workflows.form.unit')}
        value={step.unit}
        options={(['seconds', 'minutes', 'hours', 'days'] as const).map((u) => ({
          value: u,
          label: t(`workflows.form.units.${u}`),
        }))}
        onChange={(unit) => onChange({ ...step, unit })}
      />
    </div>
  );
}

/** Activar otro flujo: which workflow. */
export function TriggerWorkflowForm({ slug, step, onChange, err }: StepFormProps<'trigger_workflow'>) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: queryKeys.workflows(slug), queryFn: () => workflowsApi.list(slug) });
  return (
    <Select
      label={t('workflows.form.workflow')}
      value={step.workflowId ? String(step.workflowId) : ''}
      error={err('workflowId')}
      options={[
        { value: '', label: t('workflows.form.choose') },
        ...(list.data?.items ?? []).map((w) => ({ value: String(w.id), label: w.name })),
      ]}
      onChange={(v) => onChange({ ...step, workflowId: Number(v) })}
    />
  );
}
