import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { ErrorNotice } from '../../common/ErrorNotice';
import { WebchatAppearanceFields } from './WebchatAppearanceFields';
import { WebchatHoursFields } from './WebchatHoursFields';
import { WebchatInstall } from './WebchatInstall';
import { WebchatPrechatFields } from './WebchatPrechatFields';
import { fetchWebchatSettings, parseOrigins, saveWebchatSettings, type WebchatSettings } from './webchatApi';

/** Personalizar: install snippet, appearance, Pre-Chat form, hours, allowed sites and verification. */
export function WebchatCustomize({ slug, channel }: { slug: string; channel: Channel }) {
  const { t } = useTranslation();
  const originsId = useId();
  const loaded = useQuery({
    queryKey: ['webchat-settings', slug, channel.id],
    queryFn: () => fetchWebchatSettings(slug, channel.id),
  });
  const [draft, setDraft] = useState<WebchatSettings | null>(null);
  const [origins, setOrigins] = useState('');
  useEffect(() => {
    if (!loaded.data) return;
    setDraft(loaded.data.settings);
    setOrigins(loaded.data.settings.allowedOrigins.join('\n'));
  }, [loaded.data]);
  const save = useMutation({
    mutationFn: (settings: WebchatSettings) => saveWebchatSettings(slug, channel.id, settings),
    onSuccess: (saved) => setDraft(saved.settings),
  });

  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={() => void loaded.refetch()} />;
  if (!loaded.data || !draft) return <p className="muted">{t('common.loading')}</p>;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft) save.mutate({ ...draft, allowedOrigins: parseOrigins(origins) });
  }

  return (
    <section className="card" aria-label={t('settings.webchat.customizeTitle', { name: channel.name })}>
      <h2>{t('settings.webchat.customizeTitle', { name: channel.name })}</h2>
      <WebchatInstall snippet={loaded.data.snippet} />
      <form className="form-grid" onSubmit={submit}>
        <WebchatAppearanceFields
          value={draft.appearance}
          onChange={(appearance) => setDraft({ ...draft, appearance })}
        />
        <WebchatPrechatFields value={draft.prechat} onChange={(prechat) => setDraft({ ...draft, prechat })} />
        <WebchatHoursFields
          hours={draft.businessHours}
          awayMessage={draft.awayMessage}
          onChange={(businessHours, awayMessage) => setDraft({ ...draft, businessHours, awayMessage })}
        />
        <fieldset className="fieldset">
          <legend>{t('settings.webchat.security.title')}</legend>
          <div className="field">
            <label htmlFor={originsId}>{t('settings.webchat.origins')}</label>
            <textarea id={originsId} rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.requireVerification}
              onChange={(e) => setDraft({ ...draft, requireVerification: e.target.checked })}
            />
            {t('settings.webchat.security.requireVerification')}
          </label>
        </fieldset>
        {save.error && <ErrorNotice error={save.error} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('settings.webchat.saving') : t('settings.webchat.save')}
          </button>
          {save.isSuccess && !save.isPending && <span role="status">{t('settings.webchat.saved')}</span>}
        </div>
      </form>
    </section>
  );
}
