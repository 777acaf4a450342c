import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/queryKeys';
import type { CreatedChannel } from '../../api/types';
import { ErrorNotice } from '../../common/ErrorNotice';
import { TextField } from '../../common/TextField';
import { createWebchatChannel, parseOrigins } from './webchatApi';

/** Settings → Channels → Web chat: name and the site origins allowed to embed it. */
export function WebchatCreateForm({ slug, onCreated }: { slug: string; onCreated: (c: CreatedChannel) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const originsId = useId();
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const create = useMutation({
    mutationFn: () => createWebchatChannel(slug, name.trim(), parseOrigins(origins)),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      setOrigins('');
      onCreated(created);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section className="card">
      <h2>{t('settings.webchat.title')}</h2>
      <p className="muted">{t('settings.webchat.intro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.webchat.name')}
          name="webchat-name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="field">
          <label htmlFor={originsId}>{t('settings.webchat.origins')}</label>
          <textarea
            id={originsId}
            required
            rows={2}
            placeholder="https://www.example.com"
            aria-describedby={`${originsId}-hint`}
            value={origins}
            onChange={(event) => setOrigins(event.target.value)}
          />
          <small id={`${originsId}-hint`} className="field-hint">
            {t('settings.webchat.originsHint')}
          </small>
        </div>
        {create.error && <ErrorNotice error={create.error} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t('settings.webchat.creating') : t('settings.webchat.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
