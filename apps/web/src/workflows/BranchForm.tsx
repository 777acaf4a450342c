import type { StepOf } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { ConditionRow } from './ConditionRow';
import { Select, TextInput } from './fields';
import type { StepFormProps } from './stepForm';

type Branch = StepOf<'branch'>['branches'][number];
const MAX_BRANCHES = 9;
const MAX_CONDITIONS = 10;
const newCondition = (): Branch['conditions'][number] => ({ subject: 'field', field: '', operator: 'exists' });

/** Rama: up to 9 branches, each with AND/OR conditions; "Si no" is the output when none matches. */
export function BranchForm({ step, onChange, err }: StepFormProps<'branch'>) {
  const { t } = useTranslation();
  const setBranch = (i: number, b: Branch | null) =>
    onChange({
      ...step,
      branches: b === null ? step.branches.filter((_, j) => j !== i) : step.branches.map((x, j) => (j === i ? b : x)),
    });
  return (
    <>
      {step.branches.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: branches have no identity besides their place (their output path is the index)
        <fieldset key={i} className="branch-editor">
          <legend>{b.label || t('workflows.outputs.branch', { n: i + 1 })}</legend>
          <TextInput
            label={t('workflows.form.branchLabel')}
            value={b.label}
            onChange={(label) => setBranch(i, { ...b, label: label || undefined })}
          />
          <Select
            label={t('workflows.form.match')}
            value={b.match}
            options={(['all', 'any'] as const).map((m) => ({ value: m, label: t(`workflows.form.matches.${m}`) }))}
            onChange={(match) => setBranch(i, { ...b, match })}
          />
          {b.conditions.map((c, j) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their place
              key={j}
              condition={c}
              err={(p) => err(`branches.${i}.conditions.${j}.${p}`)}
              onChange={(nc) => setBranch(i, { ...b, conditions: b.conditions.map((x, k) => (k === j ? nc : x)) })}
              onRemove={
                b.conditions.length > 1
                  ? () => setBranch(i, { ...b, conditions: b.conditions.filter((_, k) => k !== j) })
                  : undefined
              }
            />
          ))}
          <div className="row-actions">
            {b.conditions.length < MAX_CONDITIONS && (
              <button
                type="button"
                className="button button-small"
                onClick={() => setBranch(i, { ...b, conditions: [...b.conditions, newCondition()] })}
              >
                {t('workflows.form.addCondition')}
              </button>
            )}
            {step.branches.length > 1 && (
              <button type="button" className="button button-small button-quiet" onClick={() => setBranch(i, null)}>
                {t('workflows.form.remove')}
              </button>
            )}
          </div>
        </fieldset>
      ))}
      {step.branches.length < MAX_BRANCHES && (
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange({
              ...step,
              branches: [...step.branches, { match: 'all', conditions: [newCondition()], next: null }],
            })
          }
        >
          {t('workflows.form.addBranch')}
        </button>
      )}
    </>
  );
}
