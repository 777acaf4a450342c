import type { AiSettingsInput } from '@charla/contracts/knowledge';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { Checkbox } from '../workflows/fields';
import { aiSettingsKey, fetchAiSettings, saveAiSettings, testAiSettings } from './knowledgeApi';
import { SaveFooter } from './SaveFooter';
import { useSettingsMutation } from './useSettingsMutation';

/**
 * Settings → Asistente de IA: the OpenAI-compatible chat API the assistant writes with. The key is written,
 * never read back; without a base URL the assistant answers with the matrix's answers only.
 */
export function AiSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const current = useQuery({ queryKey: aiSettingsKey(slug), queryFn: () => fetchAiSettings(slug) });
  const [form, setForm] = useState({ baseUrl: '', apiKey: '', removeKey: false, model: '', instructions: '' });
  const [saved, setSaved] = useState(false);
  const instructionsId = useId();
  useEffect(() => {
    if (current.data)
      setForm((f) => ({
        ...f,
        baseUrl: current.data.baseUrl ?? '',
        model: current.data.model,
        instructions: current.data.instructions,
      }));
  }, [current.data]);
  const input = (): AiSettingsInput => ({
    baseUrl: form.baseUrl.trim() || null,
    ...(form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : form.removeKey ? { apiKey: null } : {}),
    model: form.model,
    instructions: form.instructions,
  });
  const save = useSettingsMutation(
    () => saveAiSettings(slug, input()),
    aiSettingsKey(slug),
    () => {
      setSaved(true);
      setForm((f) => ({ ...f, apiKey: '', removeKey: false }));
    },
  );
  const test = useMutation({ mutationFn: () => testAiSettings(slug, input()) });
  if (current.error) return <ErrorNotice error={current.error} />;
  const set = (patch: Partial<typeof form>) => {
    setSaved(false);
    test.reset();
    setForm({ ...form, ...patch });
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(undefined);
  }
  return (
    <section className="card">
      <h2>{t('settings.ai.title')}</h2>
      <p className="muted">{t('settings.ai.intro')}</p>
      {current.data && (
        <p role="status">{current.data.mode === 'llm' ? t('settings.ai.modeLlm') : t('settings.ai.modeRetrieval')}</p>
      )}
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.ai.baseUrl')}
          type="url"
          value={form.baseUrl}
          onChange={(e) => set({ baseUrl: e.target.value })}
        />
        <TextField
          label={t('settings.ai.apiKey')}
          type="password"
          autoComplete="off"
          value={form.apiKey}
          placeholder={current.data?.hasApiKey ? t('settings.ai.keepKey') : 'sk-…'}
          onChange={(e) => set({ apiKey: e.target.value })}
        />
        {current.data?.hasApiKey && (
          <Checkbox
            label={t('settings.ai.removeKey')}
            checked={form.removeKey}
            onChange={(removeKey) => set({ removeKey })}
          />
        )}
        <TextField
          label={t('settings.ai.model')}
          value={form.model}
          required={!!form.baseUrl.trim()}
          placeholder="gpt-4o-mini"
          onChange={(e) => set({ model: e.target.value })}
        />
        <div className="field">
          <label htmlFor={instructionsId}>{t('settings.ai.instructions')}</label>
          <textarea
            id={instructionsId}
            rows={3}
            maxLength={4000}
            value={form.instructions}
            onChange={(e) => set({ instructions: e.target.value })}
          />
        </div>
        <SaveFooter error={save.error} saved={saved} pending={save.isPending} />
      </form>
      {form.baseUrl.trim() && (
        <div className="form-actions">
          {test.data && <span role="status">{t('settings.ai.testOk', { reply: test.data.reply })}</span>}
          {test.error ? <ErrorNotice error={test.error} /> : null}
          <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
            {t('settings.ai.test')}
          </button>
        </div>
      )}
    </section>
  );
}
