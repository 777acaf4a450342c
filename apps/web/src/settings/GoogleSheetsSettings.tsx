import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { SaveFooter } from './SaveFooter';
import { useSettingsMutation } from './useSettingsMutation';

interface SheetsSettings {
  configured: boolean;
  clientEmail: string | null;
  tokenUrl: string | null;
  apiBaseUrl: string | null;
}

const key = (slug: string) => ['w', slug, 'integrations', 'google-sheets'] as const;

/**
 * Settings → Google Sheets: the service account workflows use to add rows. The private key is written,
 * never read back; "Test" asks Google for a token with it.
 */
export function GoogleSheetsSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const url = `${workspacePath(slug)}/integrations/google-sheets`;
  const current = useQuery({ queryKey: key(slug), queryFn: () => api.get<SheetsSettings>(url) });
  const [form, setForm] = useState({ clientEmail: '', privateKey: '', tokenUrl: '', apiBaseUrl: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data)
      setForm((f) => ({
        ...f,
        clientEmail: current.data.clientEmail ?? '',
        tokenUrl: current.data.tokenUrl ?? 'https://oauth2.googleapis.com/token',
        apiBaseUrl: current.data.apiBaseUrl ?? 'https://sheets.googleapis.com',
      }));
  }, [current.data]);
  const save = useSettingsMutation(
    () => api.put(url, { ...form, privateKey: form.privateKey.trim() || undefined }),
    key(slug),
    () => {
      setSaved(true);
      setForm((f) => ({ ...f, privateKey: '' }));
    },
  );
  const test = useMutation({ mutationFn: () => api.post(`${url}/test`, {}) });
  if (current.error) return <ErrorNotice error={current.error} />;
  const set = (patch: Partial<typeof form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(undefined);
  }
  return (
    <section className="card">
      <h2>{t('settings.googleSheets.title')}</h2>
      <p className="muted">{t('settings.googleSheets.intro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.googleSheets.clientEmail')}
          type="email"
          required
          value={form.clientEmail}
          onChange={(e) => set({ clientEmail: e.target.value })}
        />
        <label className="field">
          {t('settings.googleSheets.privateKey')}
          <textarea
            rows={5}
            value={form.privateKey}
            placeholder={current.data?.configured ? t('settings.googleSheets.keepKey') : '-----BEGIN PRIVATE KEY-----'}
            onChange={(e) => set({ privateKey: e.target.value })}
          />
        </label>
        <TextField
          label={t('settings.googleSheets.tokenUrl')}
          type="url"
          value={form.tokenUrl}
          onChange={(e) => set({ tokenUrl: e.target.value })}
        />
        <TextField
          label={t('settings.googleSheets.apiBaseUrl')}
          type="url"
          value={form.apiBaseUrl}
          onChange={(e) => set({ apiBaseUrl: e.target.value })}
        />
        <SaveFooter error={save.error} saved={saved} pending={save.isPending} />
      </form>
      {current.data?.configured && (
        <div className="form-actions">
          {test.isSuccess && <span role="status">{t('settings.googleSheets.testOk')}</span>}
          {test.error ? <ErrorNotice error={test.error} /> : null}
          <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
            {t('settings.googleSheets.test')}
          </button>
        </div>
      )}
    </section>
  );
}
