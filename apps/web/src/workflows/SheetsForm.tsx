import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMembership } from '../shell/useWorkspace';
import { TextInput } from './fields';
import { RowsField } from './RowsField';
import type { StepFormProps } from './stepForm';

/** Agregar fila en Google Sheets: the sheet, the range and one value (with variables) per cell. */
export function SheetsForm({ step, onChange, err }: StepFormProps<'google_sheets_row'>) {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  return (
    <>
      <p className="muted">
        {t('workflows.form.sheetsHint')}{' '}
        <Link to={`/w/${slug}/settings/google-sheets`}>{t('settings.googleSheets.title')}</Link>
      </p>
      <TextInput
        label={t('workflows.form.spreadsheetId')}
        value={step.spreadsheetId}
        error={err('spreadsheetId')}
        onChange={(spreadsheetId) => set({ spreadsheetId })}
      />
      <TextInput
        label={t('workflows.form.range')}
        value={step.range}
        error={err('range')}
        placeholder="Hoja 1"
        onChange={(range) => set({ range })}
      />
      <RowsField
        legend={t('workflows.form.cells')}
        rows={step.values.map((value) => ({ value }))}
        max={26}
        blank={{ value: '' }}
        columns={[{ key: 'value', label: t('workflows.form.cell') }]}
        err={(p) => err(`values.${p.split('.')[0]}`)}
        onChange={(rows) => set({ values: rows.map((r) => r.value) })}
      />
    </>
  );
}
