import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { CreatedChannel } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { type MetaChannelType, type MetaField, metaChannelFields, toMetaConfig } from './metaChannelFields';
import { createChannel } from './settingsApi';

interface MetaChannelFormProps {
  slug: string;
  type: MetaChannelType;
  onCreated: (created: CreatedChannel) => void;
}

/**
 * Adds a WhatsApp, Messenger or Instagram channel from the values in Meta's dashboard. The server checks
 * the token against Meta before saving; the verify token is generated when left empty.
 */
export function MetaChannelForm({ slug, type, onCreated }: MetaChannelFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const create = useMutation({
    mutationFn: () => createChannel(slug, type, name.trim(), toMetaConfig(type, values)),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(slug) });
      setName('');
      setValues({});
      onCreated(created);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  const label = (key: MetaField['key']) => t(`settings.channels.addMeta.fields.${key}`);
  const hint = (field: MetaField) => (field.hint ? t(`settings.channels.addMeta.hints.${field.hint}`) : undefined);
  return (
    <section className="card">
      <h2>{t('settings.channels.addMeta.title', { type: t(`settings.channels.types.${type}`) })}</h2>
      <p className="muted">{t(`settings.channels.addMeta.intro.${type}`)}</p>
      <form className="form-grid" onSubmit={submit}>
        <TextField
          label={t('settings.channels.addCustom.name')}
          name="channel-name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        {metaChannelFields[type].map((field) =>
          field.kind === 'checkbox' ? (
            <label key={field.key} className="field field-checkbox">
              <input
                type="checkbox"
                name={field.key}
                checked={values[field.key] === true}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.checked })}
              />
              <span>{label(field.key)}</span>
              <small className="field-hint">{hint(field)}</small>
            </label>
          ) : (
            <TextField
              key={field.key}
              label={
                field.optional ? t('settings.channels.addMeta.optional', { label: label(field.key) }) : label(field.key)
              }
              hint={hint(field)}
              name={field.key}
              type={field.secret ? 'password' : field.kind === 'url' ? 'url' : 'text'}
              autoComplete="off"
              inputMode={field.numeric ? 'numeric' : undefined}
              pattern={field.numeric ? '[0-9]+' : undefined}
              required={!field.optional}
              value={(values[field.key] as string | undefined) ?? ''}
              onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
            />
          ),
        )}
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
