import { useTranslation } from 'react-i18next';
import { Select, TextInput } from './fields';

export interface RowColumn<R> {
  key: keyof R & string;
  label: string;
  type?: 'text' | 'time' | 'datetime-local';
  options?: { value: string; label: string }[];
}

/** A small table of rows edited in place (headers, response mapping, weekly hours, date ranges). */
export function RowsField<R extends Record<string, string>>({
  legend,
  rows,
  columns,
  max,
  blank,
  onChange,
  err,
}: {
  legend: string;
  rows: R[];
  columns: RowColumn<R>[];
  max: number;
  blank: R;
  onChange: (rows: R[]) => void;
  err: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, key: keyof R, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <fieldset className="rows-field">
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their place
        <div key={i} className="rows-field-row">
          {columns.map((c) =>
            c.options ? (
              <Select
                key={c.key}
                label={c.label}
                value={row[c.key] ?? ''}
                options={c.options}
                onChange={(v) => set(i, c.key, v)}
              />
            ) : (
              <TextInput
                key={c.key}
                type={c.type}
                label={c.label}
                value={row[c.key] ?? ''}
                error={err(`${i}.${c.key}`)}
                onChange={(v) => set(i, c.key, v)}
              />
            ),
          )}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {t('workflows.form.remove')}
          </button>
        </div>
      ))}
      {rows.length < max && (
        <button type="button" className="button button-small" onClick={() => onChange([...rows, { ...blank }])}>
          {t('workflows.form.addRow')}
        </button>
      )}
    </fieldset>
  );
}
