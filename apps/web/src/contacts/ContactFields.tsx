import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { ContactDetails, CustomField } from '../api/types';
import { type ContactPatch, contactsApi } from './contactsApi';
import { EditableField } from './EditableField';
import { useContactInvalidation } from './useContactInvalidation';

const inputType: Record<CustomField['type'], string> = {
  text: 'text',
  number: 'number',
  date: 'date',
  time: 'time',
  checkbox: 'text',
  list: 'text',
  email: 'email',
  url: 'url',
};

/** Standard and custom fields, each editable in place. */
export function ContactFields({ slug, contact }: { slug: string; contact: ContactDetails }) {
  const { t } = useTranslation();
  const invalidate = useContactInvalidation(slug);
  const fields = useQuery({ queryKey: queryKeys.customFields(slug), queryFn: () => contactsApi.customFields(slug) });
  const save = async (patch: ContactPatch) => {
    await contactsApi.update(slug, contact.id, patch);
    await invalidate();
  };
  const customValue = (key: string) => {
    const v = contact.customFields[key];
    return v === undefined || v === null ? '' : String(v);
  };
  const customInput = (field: CustomField, raw: string): unknown => {
    if (raw === '') return null;
    if (field.type === 'checkbox') return raw === 'true';
    return raw;
  };

  return (
    <section className="card">
      <h2>{t('contact.fields')}</h2>
      <dl className="detail-list">
        <EditableField
          label={t('contact.firstName')}
          value={contact.firstName ?? ''}
          onSave={(v) => save({ firstName: v })}
        />
        <EditableField
          label={t('contact.lastName')}
          value={contact.lastName ?? ''}
          onSave={(v) => save({ lastName: v })}
        />
        <EditableField
          label={t('contact.phone')}
          type="tel"
          value={contact.phone ?? ''}
          onSave={(v) => save({ phone: v })}
        />
        <EditableField
          label={t('contact.email')}
          type="email"
          value={contact.email ?? ''}
          onSave={(v) => save({ email: v })}
        />
        {fields.data?.items.map((field) => (
          <EditableField
            key={field.key}
            label={field.label}
            type={inputType[field.type]}
            options={field.type === 'list' ? field.options : field.type === 'checkbox' ? ['true', 'false'] : undefined}
            value={customValue(field.key)}
            onSave={(v) => save({ customFields: { [field.key]: customInput(field, v) } })}
          />
        ))}
      </dl>
    </section>
  );
}
