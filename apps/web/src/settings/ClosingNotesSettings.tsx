import { SaveFooter } from './SaveFooter';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { ClosingNotesMode, WorkspaceSettings } from '../api/types';
import { useWorkspaceSettings } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

type ClosingNotes = WorkspaceSettings['closingNotes'];
const modes: readonly ClosingNotesMode[] = ['off', 'optional', 'category', 'required'];

/** Settings → Closing notes: whether closing asks for a category and summary, and the categories offered. */
export function ClosingNotesSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const settings = useWorkspaceSettings(slug);
  const [form, setForm] = useState<ClosingNotes | null>(null);
  const [newCategory, setNewCategory] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data.closingNotes);
  }, [settings.data, form]);
  const save = useSettingsMutation(
    (notes: ClosingNotes) => api.put(`${workspacePath(slug)}/settings/closing-notes`, notes),
    queryKeys.settings(slug),
    () => setSaved(true),
  );

  if (!form) return settings.error ? <ErrorNotice error={settings.error} /> : null;
  const change = (next: ClosingNotes) => {
    setSaved(false);
    setForm(next);
  };

  function addCategory(event: FormEvent) {
    event.preventDefault();
    const name = newCategory.trim();
    if (form && name && !form.categories.includes(name)) change({ ...form, categories: [...form.categories, name] });
    setNewCategory('');
  }

  return (
    <section className="card">
      <h2>{t('settings.closingNotes.title')}</h2>
      <p className="muted">{t('settings.closingNotes.intro')}</p>
      <SelectField
        label={t('settings.closingNotes.mode')}
        value={form.mode}
        onChange={(event) => change({ ...form, mode: event.target.value as ClosingNotesMode })}
        options={modes.map((m) => ({ value: m, label: t(`settings.closingNotes.modes.${m}`) }))}
      />
      <h3>{t('settings.closingNotes.categories')}</h3>
      {form.categories.length === 0 && <p className="muted">{t('settings.closingNotes.noCategories')}</p>}
      <ul className="plain-list">
        {form.categories.map((category) => (
          <li key={category}>
            {category}{' '}
            <button
              type="button"
              className="link-button"
              aria-label={t('settings.removeNamed', { name: category })}
              onClick={() => change({ ...form, categories: form.categories.filter((c) => c !== category) })}
            >
              {t('settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={addCategory}>
        <TextField
          label={t('settings.closingNotes.newCategory')}
          value={newCategory}
          maxLength={80}
          onChange={(event) => setNewCategory(event.target.value)}
        />
        <button type="submit" className="button">
          {t('settings.add')}
        </button>
      </form>
      <SaveFooter error={save.error} saved={saved} onSave={() => save.mutate(form)} />
    </section>
  );
}
