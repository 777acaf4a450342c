import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { ContactActivity } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { contactsApi } from './contactsApi';
import { sourceLabel } from './sourceLabel';

const STANDARD_FIELDS = ['firstName', 'lastName', 'phone', 'email'] as const;

/** "Apellido" for a standard field; a custom field (`custom.plan`) by its key. */
function fieldLabel(t: TFunction, field: unknown): string {
  const name = String(field);
  if ((STANDARD_FIELDS as readonly string[]).includes(name))
    return t(`contact.${name as (typeof STANDARD_FIELDS)[number]}`);
  return name.replace(/^custom\./, '');
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** One timeline entry as a sentence; values are interpolated as text (never HTML). */
function describe(t: TFunction, a: ContactActivity): string {
  const d = a.data;
  switch (a.kind) {
    case 'field.changed':
      return t('activity.fieldChanged', { field: fieldLabel(t, d.field), from: show(d.from), to: show(d.to) });
    case 'identifier.added':
      return t(d.verified ? 'activity.identifierAddedVerified' : 'activity.identifierAdded', {
        value: show(d.value),
        source: sourceLabel(t, show(d.source)),
      });
    case 'identifier.verified':
      return t('activity.identifierVerified', { value: show(d.value), source: sourceLabel(t, show(d.source)) });
    case 'tag.added':
      return t('activity.tagAdded', { name: show(d.name) });
    case 'tag.removed':
      return t('activity.tagRemoved', { name: show(d.name) });
    case 'contact.merged':
      return t(d.trigger === 'auto' ? 'activity.mergedAuto' : 'activity.merged', { name: show(d.mergedName) });
    case 'contact.split':
      return t('activity.split');
    case 'contact.assigned':
      return t('activity.assigned', { name: show(d.name) });
    default:
      return a.kind;
  }
}

/** Actividad: what happened to the contact, newest first. */
export function ActivityTimeline({ slug, contactId }: { slug: string; contactId: number }) {
  const { t, i18n } = useTranslation();
  const activities = useQuery({
    queryKey: queryKeys.contactActivities(slug, contactId),
    queryFn: () => contactsApi.activities(slug, contactId),
  });
  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      {activities.error && <ErrorNotice error={activities.error} onRetry={() => void activities.refetch()} />}
      {activities.data?.items.length === 0 && <p className="muted">{t('activity.empty')}</p>}
      <ol className="timeline">
        {activities.data?.items.map((a) => (
          <li key={a.id}>
            <span>{describe(t, a)}</span>
            <span className="muted">
              {formatDateTime(a.createdAt, i18n.language)}
              {a.actor && ` · ${a.actor.name}`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
