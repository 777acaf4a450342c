import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../common/TextField';
import type { ProviderField, ProviderType } from './providerChannels';

interface ProviderFieldInputProps {
  type: ProviderType;
  field: ProviderField;
  value: string;
  onChange: (value: string) => void;
}

/** One provider setting: a choice, a multi-line secret (Vonage's private key) or a text/password input. */
export function ProviderFieldInput({ type, field, value, onChange }: ProviderFieldInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`settings.channels.providers.fields.${field.key}`, { defaultValue: field.key });
  const hint = t(`settings.channels.providers.${type}.hints.${field.key}`, { defaultValue: '' }) || undefined;
  if (field.options)
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value || field.options[0]} onChange={(event) => onChange(event.target.value)}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {t(`settings.channels.providers.options.${o}`, { defaultValue: o })}
            </option>
          ))}
        </select>
        {hint && <small className="field-hint">{hint}</small>}
      </div>
    );
  if (field.multiline)
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={4}
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
        {hint && <small className="field-hint">{hint}</small>}
      </div>
    );
  return (
    <TextField
      label={label}
      hint={hint}
      name={`${type}-${field.key}`}
      type={field.secret ? 'password' : 'text'}
      autoComplete="off"
      required={field.required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
