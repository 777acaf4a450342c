import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { CreatedChannel } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { createCustomChannel } from './settingsApi';

interface CustomChannelFormProps {
  slug: string;
  onCreated: (created: CreatedChannel) => void;
}

/** Adds a custom (API) channel: Charla posts replies to `callbackUrl` and receives messages on its webhook. */
export function CustomChannelForm({ slug, onCreated }: CustomChannelFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [callbackUrl, setCallbackUrl] = useState('');
  const create = useMutation({
    mutationFn: () => createCustomChannel(slug, name.trim(), callbackUrl.trim()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      setCallbackUrl('');
      onCreated(created);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section className="card">
      <h2>{t('settings.channels.addCustom.title')}</h2>
      <p className="muted">{t('settings.channels.addCustom.intro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.channels.addCustom.name')}
          name="channel-name"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label={t('settings.channels.addCustom.callbackUrl')}
          hint={t('settings.channels.addCustom.callbackHint')}
          name="callback-url"
          type="url"
          required
          placeholder="https://example.com/charla/callback"
          value={callbackUrl}
          onChange={(event) => setCallbackUrl(event.target.value)}
        />
        {create.error && <ErrorNotice error={create.error} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('settings.channels.addCustom.creating') : t('settings.channels.addCustom.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
