import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { Snippet } from '../api/types';
import { useSnippets } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

type Draft = { id?: number; shortcut: string; text: string };
const empty: Draft = { shortcut: '', text: '' };

/** Settings → Snippets: saved replies offered in the composer when typing `/shortcut`. */
export function SnippetsSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/snippets`;
  const snippets = useSnippets(slug);
  const [draft, setDraft] = useState<Draft>(empty);
  const save = useSettingsMutation(
    ({ id, ...body }: Draft) => (id ? api.patch(`${base}/${id}`, body) : api.post(base, body)),
    queryKeys.snippets(slug),
    () => setDraft(empty),
  );
  const remove = useSettingsMutation((s: Snippet) => api.delete(`${base}/${s.id}`), queryKeys.snippets(slug));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...draft, shortcut: draft.shortcut.replace(/^\//, '').trim() });
  }

  return (
    <div className="settings-section">
      <section className="card">
        <h2>{t('settings.snippets.title')}</h2>
        <p className="muted">{t('settings.snippets.intro')}</p>
        {snippets.error && <ErrorNotice error={snippets.error} />}
        {snippets.data?.items.length === 0 && <p className="muted">{t('settings.snippets.empty')}</p>}
        <ul className="plain-list snippet-list">
          {snippets.data?.items.map((s) => (
            <li key={s.id}>
              <code>/{s.shortcut}</code> <span className="snippet-text">{s.text}</span>
              <span className="row-actions">
                <button type="button" className="link-button" onClick={() => setDraft(s)}>
                  {t('settings.edit')}
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('settings.removeNamed', { name: `/${s.shortcut}` })}
                  onClick={() => remove.mutate(s)}
                >
                  {t('settings.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
        {remove.error && <ErrorNotice error={remove.error} />}
      </section>
      <section className="card">
        <h2>{draft.id ? t('settings.snippets.editTitle') : t('settings.snippets.newTitle')}</h2>
        <form className="form-grid" onSubmit={submit}>
          <TextField
            label={t('settings.snippets.shortcut')}
            hint={t('settings.snippets.shortcutHint')}
            required
            pattern="/?[\p{L}\p{N}_\-]{1,40}"
            value={draft.shortcut}
            onChange={(event) => setDraft({ ...draft, shortcut: event.target.value })}
          />
          <div className="field">
            <label htmlFor="snippet-text">{t('settings.snippets.text')}</label>
            <textarea
              id="snippet-text"
              rows={4}
              required
              value={draft.text}
              aria-describedby="snippet-text-hint"
              onChange={(event) => setDraft({ ...draft, text: event.target.value })}
            />
            <small id="snippet-text-hint" className="field-hint">
              {t('settings.snippets.variablesHint')}
            </small>
          </div>
          {save.error && <ErrorNotice error={save.error} />}
          <div className="form-actions">
            {draft.id && (
              <button type="button" className="button" onClick={() => setDraft(empty)}>
                {t('common.cancel')}
              </button>
            )}
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {draft.id ? t('settings.save') : t('settings.snippets.create')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
