import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { Channel } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { ProviderChannelCreated } from './ProviderChannelCreated';
import { ProviderFieldInput } from './ProviderFieldInput';
import { createProviderChannel, PROVIDER_FIELDS, PROVIDER_TYPES, type ProviderType } from './providerChannels';

/** Connects Telegram, Twilio, Vonage or MessageBird: the provider's credentials, then its webhook URL to paste. */
export function ProviderChannelForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const providerId = useId();
  const [type, setType] = useState<ProviderType>('telegram');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Channel | null>(null);
  const create = useMutation({
    mutationFn: () => createProviderChannel(slug, type, name.trim(), values),
    onSuccess: ({ channel }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      setValues({});
      setCreated(channel);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  if (created) return <ProviderChannelCreated channel={created} onDismiss={() => setCreated(null)} />;

  return (
    <section className="card">
      <h2>{t('settings.channels.providers.title')}</h2>
      <p className="muted">{t('settings.channels.providers.intro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor={providerId}>{t('settings.channels.providers.provider')}</label>
          <select
            id={providerId}
            value={type}
            onChange={(event) => {
              setType(event.target.value as ProviderType);
              setValues({});
            }}
          >
            {PROVIDER_TYPES.map((p) => (
              <option key={p} value={p}>
                {t(`settings.channels.types.${p}`, { defaultValue: p })}
              </option>
            ))}
          </select>
          <small className="field-hint">{t(`settings.channels.providers.${type}.intro`, { defaultValue: '' })}</small>
        </div>
        <TextField
          label={t('settings.channels.providers.name')}
          name="provider-channel-name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        {PROVIDER_FIELDS[type].map((field) => (
          <ProviderFieldInput
            key={`${type}-${field.key}`}
            type={type}
            field={field}
            value={values[field.key] ?? ''}
            onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
          />
        ))}
        {create.error && <ErrorNotice error={create.error} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('settings.channels.providers.connecting') : t('settings.channels.providers.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
