import type { StepOf } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { Select, TextInput } from './fields';

type SaveTarget = StepOf<'ask_question'>['saveTo'];
const KINDS = ['none', 'field', 'variable', 'tag'] as const;

/** "Guardar respuesta en": nowhere, a contact field (`email`, `phone`, a custom key), a variable or a tag. */
export function SaveTargetField({
  value,
  onChange,
  err,
}: {
  value: SaveTarget;
  onChange: (value: SaveTarget) => void;
  err: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const pick = (kind: SaveTarget['kind']): SaveTarget =>
    kind === 'field' ? { kind, field: '' } : kind === 'variable' ? { kind, name: '' } : { kind };
  return (
    <>
      <Select
        label={t('workflows.form.saveTo')}
        value={value.kind}
        options={KINDS.map((k) => ({ value: k, label: t(`workflows.form.saveKinds.${k}`) }))}
        onChange={(kind) => onChange(pick(kind))}
      />
      {value.kind === 'field' && (
        <TextInput
          label={t('workflows.form.field')}
          value={value.field}
          placeholder="email"
          error={err('saveTo.field')}
          onChange={(field) => onChange({ kind: 'field', field })}
        />
      )}
      {value.kind === 'variable' && (
        <TextInput
          label={t('workflows.form.variable')}
          value={value.name}
          error={err('saveTo.name')}
          onChange={(name) => onChange({ kind: 'variable', name })}
        />
      )}
    </>
  );
}
