import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { CreatedChannel } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { createChannel } from './settingsApi';

interface NewChannelFormProps {
  slug: string;
  type: string;
  title: string;
  intro: string;
  /** The channel's config from the caller's fields, read at submit. */
  config: () => Record<string, unknown>;
  /** Clears the caller's fields once the channel exists. */
  onReset: () => void;
  onCreated: (created: CreatedChannel) => void;
  /** The type's own fields, after the channel name. */
  children: ReactNode;
}

/** The frame of every "add a channel" form: name, the type's fields, errors from the server, submit. */
export function NewChannelForm({
  slug,
  type,
  title,
  intro,
  config,
  onReset,
  onCreated,
  children,
}: NewChannelFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => createChannel(slug, type, name.trim(), config()),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      onReset();
      onCreated(created);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section className="card">
      <h2>{title}</h2>
      <p className="muted">{intro}</p>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.channels.addCustom.name')}
          name="channel-name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        {children}
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
