import { FIELD_OPERATORS, type WorkflowCondition } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { Select, TextInput } from './fields';

const SUBJECTS = ['field', 'variable', 'tag', 'assignee', 'channel', 'last_message'] as const;
type Subject = (typeof SUBJECTS)[number];

const OPERATORS: Record<Subject, readonly string[]> = {
  field: FIELD_OPERATORS,
  variable: FIELD_OPERATORS,
  tag: ['has', 'not_has'],
  assignee: ['assigned', 'unassigned', 'online', 'not_online'],
  channel: ['is', 'is_not'],
  last_message: ['equals', 'contains', 'not_contains', 'starts_with'],
};

/** A fresh condition on `subject`, with its first operator. */
function blank(subject: Subject): WorkflowCondition {
  switch (subject) {
    case 'field':
      return { subject, field: '', operator: 'exists' };
    case 'variable':
      return { subject, name: '', operator: 'exists' };
    case 'tag':
      return { subject, operator: 'has', tag: '' };
    case 'assignee':
      return { subject, operator: 'assigned' };
    case 'channel':
      return { subject, operator: 'is', channelType: '' };
    case 'last_message':
      return { subject, operator: 'contains', value: '' };
  }
}

/** One condition of a branch: subject, operator and what the operator needs (no value for exists / does not exist). */
export function ConditionRow({
  condition,
  onChange,
  onRemove,
  err,
}: {
  condition: WorkflowCondition;
  onChange: (c: WorkflowCondition) => void;
  onRemove?: () => void;
  err: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const c = condition;
  const set = (patch: Record<string, unknown>) => onChange({ ...c, ...patch } as WorkflowCondition);
  const needsValue =
    (c.subject === 'field' || c.subject === 'variable') && c.operator !== 'exists' && c.operator !== 'not_exists';
  return (
    <div className="condition-row">
      <Select
        label={t('workflows.form.subject')}
        value={c.subject}
        options={SUBJECTS.map((s) => ({ value: s, label: t(`workflows.form.subjects.${s}`) }))}
        onChange={(subject) => onChange(blank(subject))}
      />
      {c.subject === 'field' && (
        <TextInput
          label={t('workflows.form.field')}
          value={c.field}
          error={err('field')}
          onChange={(field) => set({ field })}
        />
      )}
      {c.subject === 'variable' && (
        <TextInput
          label={t('workflows.form.variable')}
          value={c.name}
          error={err('name')}
          onChange={(name) => set({ name })}
        />
      )}
      <Select
        label={t('workflows.form.operator')}
        value={c.operator}
        options={OPERATORS[c.subject].map((o) => ({ value: o, label: t(`workflows.form.operators.${o as 'exists'}`) }))}
        onChange={(operator) => set({ operator })}
      />
      {(needsValue || c.subject === 'last_message') && (
        <TextInput
          label={t('workflows.form.value')}
          value={'value' in c ? c.value : ''}
          error={err('value')}
          onChange={(value) => set({ value })}
        />
      )}
      {c.subject === 'tag' && (
        <TextInput label={t('workflows.form.tag')} value={c.tag} error={err('tag')} onChange={(tag) => set({ tag })} />
      )}
      {c.subject === 'channel' && (
        <TextInput
          label={t('workflows.form.channelType')}
          value={c.channelType}
          placeholder="whatsapp"
          error={err('channelType')}
          onChange={(channelType) => set({ channelType })}
        />
      )}
      {onRemove && (
        <button type="button" className="button button-small button-quiet" onClick={onRemove}>
          {t('workflows.form.remove')}
        </button>
      )}
    </div>
  );
}
