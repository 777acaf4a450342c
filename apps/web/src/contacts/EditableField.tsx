import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';

interface EditableFieldProps {
  label: string;
  value: string;
  /** The input type (text, email, tel, number, date, time, url). */
  type?: string;
  /** For list fields: the allowed values. */
  options?: string[];
  onSave: (value: string) => Promise<unknown>;
}

/** A value shown as text with an "Edit" button that turns it into an input with Save / Cancel. */
export function EditableField({ label, value, type = 'text', options, onSave }: EditableFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(draft);
      setDraft(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  if (draft === null) {
    return (
      <div className="detail-row">
        <dt>{label}</dt>
        <dd>
          <span className={value ? undefined : 'muted'}>{value || '—'}</span>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={t('contact.editField', { field: label })}
            onClick={() => setDraft(value)}
          >
            {t('contact.edit')}
          </button>
        </dd>
      </div>
    );
  }
  return (
    <form className="detail-row detail-row-editing" onSubmit={submit}>
      <dt>
        <label htmlFor={id}>{label}</label>
      </dt>
      <dd>
        {options ? (
          <select id={id} value={draft} onChange={(e) => setDraft(e.target.value)}>
            <option value="">—</option>
            {options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this field
          <input id={id} type={type} value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} />
        )}
        <button type="submit" className="button button-small button-primary" disabled={saving}>
          {t('contact.save')}
        </button>
        <button type="button" className="button button-small" onClick={() => setDraft(null)}>
          {t('contact.cancel')}
        </button>
        {error !== null && <ErrorNotice error={error} />}
      </dd>
    </form>
  );
}
