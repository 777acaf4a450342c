import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { Webhook } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { CopyButton } from '../common/CopyButton';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import type en from '../i18n/en.json';
import { useMembership } from '../shell/useWorkspace';
import { SaveFooter } from './SaveFooter';
import { useSettingsMutation } from './useSettingsMutation';
import { WebhookDeliveries } from './WebhookDeliveries';

type WebhooksResponse = { items: Webhook[]; events: string[] };
type EventLabelKey = keyof (typeof en)['settings']['webhooks']['events'];

/** The translation key of an event's label (`contact.created` → `…events.contact_created`). */
const eventLabel = (event: string) =>
  `settings.webhooks.events.${event.replaceAll('.', '_') as EventLabelKey}` as const;

/**
 * Settings → Webhooks (integrations): subscribe a URL to events. The signing secret is shown once; each
 * webhook has a pause switch, a delivery log with manual redeliver, and delete.
 */
export function WebhooksSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/webhooks`;
  const key = queryKeys.webhooks(slug);
  const webhooks = useQuery({ queryKey: key, queryFn: () => api.get<WebhooksResponse>(base) });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const create = useSettingsMutation(async () => {
    const created = await api.post<Webhook & { secret: string }>(base, { url: url.trim(), events });
    setSecret(created.secret);
    setUrl('');
    setEvents([]);
    setSaved(true);
  }, key);
  const update = useSettingsMutation(
    ({ id, enabled }: { id: number; enabled: boolean }) => api.patch(`${base}/${id}`, { enabled }),
    key,
  );
  const remove = useSettingsMutation((id: number) => api.delete(`${base}/${id}`), key);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    create.mutate(undefined);
  }

  const toggle = (name: string) =>
    setEvents((list) => (list.includes(name) ? list.filter((e) => e !== name) : [...list, name]));

  return (
    <section className="card">
      <h2>{t('settings.webhooks.title')}</h2>
      <p className="muted">{t('settings.webhooks.intro')}</p>
      {secret && (
        <div className="notice notice-warning" role="status">
          <p>
            <strong>{t('settings.webhooks.secretOnce')}</strong>
          </p>
          <code data-testid="webhook-secret">{secret}</code> <CopyButton text={secret} />{' '}
          <button type="button" className="button button-small" onClick={() => setSecret(null)}>
            {t('settings.apiTokens.dismiss')}
          </button>
        </div>
      )}
      {webhooks.error && <ErrorNotice error={webhooks.error} />}
      {webhooks.data?.items.length === 0 && <p className="muted">{t('settings.webhooks.empty')}</p>}
      {(update.error || remove.error) && <ErrorNotice error={update.error ?? remove.error} />}
      {webhooks.data?.items.map((hook) => (
        <article key={hook.id} className="card">
          <p>
            <code>{hook.url}</code>
          </p>
          <p className="muted">{hook.events.map((e) => t(eventLabel(e))).join(' · ')}</p>
          <div className="form-actions">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={hook.enabled}
                onChange={(e) => update.mutate({ id: hook.id, enabled: e.target.checked })}
              />{' '}
              {t('settings.webhooks.enabled')}
            </label>
            <button type="button" className="link-button" onClick={() => setOpen(open === hook.id ? null : hook.id)}>
              {open === hook.id ? t('settings.webhooks.hideLog') : t('settings.webhooks.showLog')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                if (window.confirm(t('settings.webhooks.confirmDelete', { url: hook.url }))) remove.mutate(hook.id);
              }}
            >
              {t('settings.webhooks.delete')}
            </button>
          </div>
          {open === hook.id && <WebhookDeliveries base={base} slug={slug} webhookId={hook.id} />}
        </article>
      ))}
      <form onSubmit={submit}>
        <h3>{t('settings.webhooks.new')}</h3>
        <TextField
          label={t('settings.webhooks.url')}
          hint={t('settings.webhooks.urlHint')}
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <fieldset className="field">
          <legend>{t('settings.webhooks.eventsLabel')}</legend>
          {(webhooks.data?.events ?? []).map((name) => (
            <label key={name} className="checkbox">
              <input type="checkbox" checked={events.includes(name)} onChange={() => toggle(name)} />{' '}
              {t(eventLabel(name))}
            </label>
          ))}
        </fieldset>
        <SaveFooter error={create.error} saved={saved} pending={create.isPending || events.length === 0} />
      </form>
    </section>
  );
}
