import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { CustomField, CustomFieldType } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { contactsApi } from '../contacts/contactsApi';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

const TYPES: CustomFieldType[] = ['text', 'number', 'date', 'time', 'checkbox', 'list', 'email', 'url'];
const splitOptions = (text: string) =>
  text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
/** A key from a label: lower-case ASCII letters, digits and `_`, starting with a letter. */
const keyFrom = (label: string) =>
  `f_${label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`.slice(0, 40);

type Change = { id: number; label?: string; options?: string[] };

/** Settings → Contact fields: the custom fields every contact page shows. Deleting one erases its values. */
export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/custom-fields`;
  const key = queryKeys.customFields(slug);
  const fields = useQuery({ queryKey: key, queryFn: () => contactsApi.customFields(slug) });
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [options, setOptions] = useState('');
  const create = useSettingsMutation(
    () => api.post(base, { key: keyFrom(label), label: label.trim(), type, options: splitOptions(options) }),
    key,
    () => {
      setLabel('');
      setOptions('');
    },
  );
  const save = useSettingsMutation(({ id, ...body }: Change) => api.patch(`${base}/${id}`, body), key);
  const remove = useSettingsMutation((field: CustomField) => api.delete(`${base}/${field.id}`), key);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(undefined);
  }

  return (
    <section className="card">
      <h2>{t('settings.customFields.title')}</h2>
      {fields.data?.items.length === 0 && <p className="muted">{t('settings.customFields.empty')}</p>}
      <ul className="plain-list">
        {fields.data?.items.map((field) => (
          <li key={field.id} className="tag-row">
            <input
              className="inline-input"
              aria-label={t('settings.customFields.labelOf', { name: field.label })}
              defaultValue={field.label}
              onBlur={(event) => {
                const next = event.target.value.trim();
                if (next && next !== field.label) save.mutate({ id: field.id, label: next });
              }}
            />
            <span className="muted">{t(`settings.customFields.types.${field.type}`)}</span>
            {field.type === 'list' && (
              <input
                className="inline-input"
                aria-label={t('settings.customFields.optionsOf', { name: field.label })}
                defaultValue={field.options.join(', ')}
                onBlur={(event) => {
                  const next = splitOptions(event.target.value);
                  if (next.length > 0 && next.join(',') !== field.options.join(','))
                    save.mutate({ id: field.id, options: next });
                }}
              />
            )}
            <button
              type="button"
              className="link-button"
              aria-label={t('settings.removeNamed', { name: field.label })}
              onClick={() => {
                if (window.confirm(t('settings.customFields.confirmDelete', { name: field.label })))
                  remove.mutate(field);
              }}
            >
              {t('settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      {(create.error || save.error || remove.error) && (
        <ErrorNotice error={create.error ?? save.error ?? remove.error} />
      )}
      <form className="inline-form" onSubmit={submit}>
        <TextField
          label={t('settings.customFields.newField')}
          required
          maxLength={80}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <SelectField
          label={t('settings.customFields.type')}
          value={type}
          onChange={(e) => setType(e.target.value as CustomFieldType)}
          options={TYPES.map((value) => ({ value, label: t(`settings.customFields.types.${value}`) }))}
        />
        {type === 'list' && (
          <TextField
            label={t('settings.customFields.options')}
            hint={t('settings.customFields.optionsHint')}
            required
            value={options}
            onChange={(e) => setOptions(e.target.value)}
          />
        )}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('settings.add')}
        </button>
      </form>
    </section>
  );
}
