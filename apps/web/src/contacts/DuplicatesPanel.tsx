import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import type { ContactDetails } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { contactsApi } from './contactsApi';
import { MergeDialog } from './MergeDialog';
import { useContactAction } from './useContactAction';

/** "Posibles duplicados": contacts sharing a phone or email with this one, to merge or dismiss. */
export function DuplicatesPanel({ slug, contact }: { slug: string; contact: ContactDetails }) {
  const { t } = useTranslation();
  const suggestions = useQuery({
    queryKey: queryKeys.suggestions(slug, contact.id),
    queryFn: () => contactsApi.suggestions(slug, contact.id),
  });
  const [mergingWith, setMergingWith] = useState<number | null>(null);
  const { run, error } = useContactAction(slug);
  const items = suggestions.data?.items ?? [];
  if (items.length === 0 && !suggestions.error) return null;

  return (
    <section className="card card-highlight" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('duplicates.title')}</h2>
      {suggestions.error && <ErrorNotice error={suggestions.error} />}
      <ul className="plain-list">
        {items.map((suggestion) => {
          const other = suggestion.contacts.find((c) => c.id !== contact.id)!;
          return (
            <li key={suggestion.id} className="suggestion-row">
              <div>
                <Link to={`/w/${slug}/contacts/${other.id}`} className="cell-strong">
                  {other.name}
                </Link>
                <div className="muted">
                  {t(`duplicates.reason.${suggestion.reasonKind}`, { value: suggestion.reasonValue })}
                </div>
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-small button-primary"
                  onClick={() => setMergingWith(other.id)}
                >
                  {t('duplicates.merge')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void run(() => contactsApi.dismiss(slug, suggestion.id))}
                >
                  {t('duplicates.dismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {error !== null && <ErrorNotice error={error} />}
      {mergingWith !== null && (
        <MergeDialog slug={slug} contact={contact} otherId={mergingWith} onClose={() => setMergingWith(null)} />
      )}
    </section>
  );
}
