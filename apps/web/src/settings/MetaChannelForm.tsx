import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedChannel } from '../api/types';
import { TextField } from '../common/TextField';
import { type MetaChannelType, type MetaField, metaChannelFields, toMetaConfig } from './metaChannelFields';
import { NewChannelForm } from './NewChannelForm';

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
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const label = (key: MetaField['key']) => t(`settings.channels.addMeta.fields.${key}`);
  const hint = (field: MetaField) => (field.hint ? t(`settings.channels.addMeta.hints.${field.hint}`) : undefined);

  return (
    <NewChannelForm
      slug={slug}
      type={type}
      title={t('settings.channels.addMeta.title', { type: t(`settings.channels.types.${type}`) })}
      intro={t(`settings.channels.addMeta.intro.${type}`)}
      config={() => toMetaConfig(type, values)}
      onReset={() => setValues({})}
      onCreated={onCreated}
    >
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
    </NewChannelForm>
  );
}
