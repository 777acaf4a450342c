import { useTranslation } from 'react-i18next';
import { Select, TextInput } from './fields';
import { RowsField } from './RowsField';
import type { StepFormProps } from './stepForm';

const MODES = ['workspace', 'weekly', 'ranges'] as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Fecha y hora: inside the workspace's business hours, weekly hours or date ranges, in a time zone. */
export function DateTimeForm({ step, onChange, err }: StepFormProps<'date_time'>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  return (
    <>
      <Select
        label={t('workflows.form.mode')}
        value={step.mode}
        options={MODES.map((m) => ({ value: m, label: t(`workflows.form.modes.${m}`) }))}
        onChange={(mode) => set({ mode })}
      />
      {step.mode !== 'workspace' && (
        <TextInput
          label={t('workflows.form.timezone')}
          value={step.timezone}
          placeholder="America/Mexico_City"
          onChange={(timezone) => set({ timezone: timezone || undefined })}
        />
      )}
      {step.mode === 'weekly' && (
        <RowsField
          legend={t('workflows.form.weekly')}
          rows={step.weekly}
          max={21}
          blank={{ day: 'mon', from: '09:00', to: '18:00' }}
          columns={[
            {
              key: 'day',
              label: t('workflows.form.day'),
              options: DAYS.map((d) => ({ value: d, label: t(`workflows.form.days.${d}`) })),
            },
            { key: 'from', label: t('workflows.form.from'), type: 'time' },
            { key: 'to', label: t('workflows.form.to'), type: 'time' },
          ]}
          err={(p) => err(`weekly.${p}`)}
          onChange={(weekly) => set({ weekly: weekly as typeof step.weekly })}
        />
      )}
      {step.mode === 'ranges' && (
        <RowsField
          legend={t('workflows.form.ranges')}
          rows={step.ranges}
          max={20}
          blank={{ from: '', to: '' }}
          columns={[
            { key: 'from', label: t('workflows.form.from'), type: 'datetime-local' },
            { key: 'to', label: t('workflows.form.to'), type: 'datetime-local' },
          ]}
          err={(p) => err(`ranges.${p}`)}
          onChange={(ranges) => set({ ranges })}
        />
      )}
    </>
  );
}
