import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import type { ContactDetails } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { contactsApi, type FieldChoice } from './contactsApi';
import { useContactInvalidation } from './useContactInvalidation';

interface MergeDialogProps {
  slug: string;
  contact: ContactDetails;
  otherId: number;
  onClose: () => void;
}

const STANDARD = ['firstName', 'lastName', 'phone', 'email'] as const;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * Fusionar: pick the contact that stays, then, for every field where both have a different value, whose
 * value wins (the kept contact's by default). Everything else moves over; it can be undone later.
 */
export function MergeDialog({ slug, contact, otherId, onClose }: MergeDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useContactInvalidation(slug);
  const other = useQuery({
    queryKey: queryKeys.contact(slug, otherId),
    queryFn: () => contactsApi.contact(slug, otherId),
  });
  const [keptId, setKeptId] = useState(contact.id);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const pair = other.data ? [contact, other.data] : null;
  const kept = pair?.find((c) => c.id === keptId);
  const merged = pair?.find((c) => c.id !== keptId);
  const conflicts = pair
    ? [
        ...STANDARD.map((field) => ({
          id: field,
          label: t(`contact.${field}`),
          get: (c: ContactDetails) => text(c[field]),
        })),
        ...[...new Set(pair.flatMap((c) => Object.keys(c.customFields)))].map((key) => ({
          id: `custom.${key}`,
          label: key,
          get: (c: ContactDetails) => text(c.customFields[key]),
        })),
      ].filter((f) => f.get(pair[0]!) !== '' && f.get(pair[1]!) !== '' && f.get(pair[0]!) !== f.get(pair[1]!))
    : [];
  const winner = (fieldId: string) => picked[fieldId] ?? keptId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kept || !merged) return;
    const fields: Record<string, FieldChoice> = {};
    const customFields: Record<string, FieldChoice> = {};
    for (const field of conflicts) {
      const choice: FieldChoice = winner(field.id) === kept.id ? 'kept' : 'merged';
      if (field.id.startsWith('custom.')) customFields[field.id.slice(7)] = choice;
      else fields[field.id] = choice;
    }
    setSaving(true);
    setError(null);
    try {
      await contactsApi.merge(slug, kept.id, { mergedContactId: merged.id, fields, customFields });
      await invalidate();
      onClose();
      navigate(`/w/${slug}/contacts/${kept.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <form className="dialog card" role="dialog" aria-modal="true" aria-labelledby="merge-title" onSubmit={submit}>
        <h2 id="merge-title">{t('merge.title')}</h2>
        {other.error && <ErrorNotice error={other.error} />}
        {!pair && !other.error && <p className="muted">{t('common.loading')}</p>}
        {pair && (
          <>
            <fieldset className="choice-group">
              <legend>{t('merge.keep')}</legend>
              {pair.map((c) => (
                <label key={c.id} className="choice">
                  <input type="radio" name="kept" checked={keptId === c.id} onChange={() => setKeptId(c.id)} />
                  <span>
                    <strong>{c.name}</strong> <span className="muted">#{c.id}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {conflicts.length > 0 && <p>{t('merge.fieldsIntro')}</p>}
            {conflicts.map((field) => (
              <fieldset key={field.id} className="choice-group">
                <legend>{field.label}</legend>
                {pair.map((c) => (
                  <label key={c.id} className="choice">
                    <input
                      type="radio"
                      name={field.id}
                      checked={winner(field.id) === c.id}
                      onChange={() => setPicked({ ...picked, [field.id]: c.id })}
                    />
                    <span>{field.get(c)}</span>
                  </label>
                ))}
              </fieldset>
            ))}
            <p className="muted">{t('merge.explain', { kept: kept?.name, merged: merged?.name })}</p>
          </>
        )}
        {error !== null && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('contact.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!pair || saving}>
            {t('merge.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
