import { useTranslation } from 'react-i18next';
import type { CustomField } from '../api/types';
import { BUILT_IN_COLUMNS, type ContactColumn } from './useContactColumns';

interface Props {
  columns: ContactColumn[];
  fields: CustomField[];
  onToggle: (column: ContactColumn) => void;
}

/** "Columns" menu of the contacts list: a checkbox per built-in column and per custom field. */
export function ContactColumnsPicker({ columns, fields, onToggle }: Props) {
  const { t } = useTranslation();
  const options: { column: ContactColumn; label: string }[] = [
    ...BUILT_IN_COLUMNS.map((c) => ({ column: c, label: t(`contacts.columns.${c}`) })),
    ...fields.map((f) => ({ column: `field:${f.key}` as const, label: f.label })),
  ];
  return (
    <details className="columns-picker">
      <summary className="button button-small">{t('contacts.chooseColumns')}</summary>
      <fieldset className="columns-picker-menu">
        <legend className="visually-hidden">{t('contacts.chooseColumns')}</legend>
        {options.map((o) => (
          <label key={o.column} className="checkbox">
            <input type="checkbox" checked={columns.includes(o.column)} onChange={() => onToggle(o.column)} /> {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
