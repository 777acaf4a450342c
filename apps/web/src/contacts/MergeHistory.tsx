import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { contactsApi } from './contactsApi';
import { useContactAction } from './useContactAction';

/** Merges this contact took part in, with "Undo merge" (Separar) on those not undone yet. */
export function MergeHistory({ slug, contactId }: { slug: string; contactId: number }) {
  const { t, i18n } = useTranslation();
  const merges = useQuery({
    queryKey: queryKeys.contactMerges(slug, contactId),
    queryFn: () => contactsApi.merges(slug, contactId),
  });
  const { run, error } = useContactAction(slug);
  const items = merges.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <section className="card" aria-labelledby="merges-title">
      <h2 id="merges-title">{t('merge.history')}</h2>
      <ul className="plain-list">
        {items.map((merge) => (
          <li key={merge.id} className="suggestion-row">
            <div>
              {t(merge.trigger === 'auto' ? 'merge.entryAuto' : 'merge.entry', {
                merged: merge.merged.name,
                kept: merge.kept.name,
                actor: merge.actor?.name ?? '',
              })}{' '}
              <Link to={`/w/${slug}/contacts/${merge.merged.id}`}>#{merge.merged.id}</Link>
              <div className="muted">
                {formatDateTime(merge.createdAt, i18n.language)}
                {merge.splitAt && ` · ${t('merge.undoneAt', { date: formatDateTime(merge.splitAt, i18n.language) })}`}
              </div>
            </div>
            {!merge.splitAt && (
              <button
                type="button"
                className="button button-small"
                onClick={() => void run(() => contactsApi.split(slug, contactId, merge.id))}
              >
                {t('merge.undo')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
