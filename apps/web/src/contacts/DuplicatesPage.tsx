import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useMembership } from '../shell/useWorkspace';
import { contactsApi } from './contactsApi';
import { ContactsSubpageHeader } from './ContactsSubpageHeader';
import { useContactAction } from './useContactAction';

/** Every open merge suggestion of the workspace, and (for owners and managers) the auto-merge setting. */
export function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const membership = useMembership();
  const slug = membership.workspace.slug;
  const suggestions = useQuery({ queryKey: queryKeys.suggestions(slug), queryFn: () => contactsApi.suggestions(slug) });
  const settings = useQuery({
    queryKey: queryKeys.identitySettings(slug),
    queryFn: () => contactsApi.identitySettings(slug),
  });
  const { run, error } = useContactAction(slug, settings.refetch);
  const canConfigure = membership.role !== 'agent';

  const items = suggestions.data?.items;
  return (
    <div className="page">
      <ContactsSubpageHeader slug={slug} title={t('duplicates.title')}>
        {settings.data && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={settings.data.autoMergeVerified}
              disabled={!canConfigure}
              onChange={(e) => void run(() => contactsApi.setIdentitySettings(slug, e.target.checked))}
            />
            {t('duplicates.autoMerge')}
          </label>
        )}
      </ContactsSubpageHeader>
      <div className="page-body">
        {suggestions.error && <ErrorNotice error={suggestions.error} onRetry={() => void suggestions.refetch()} />}
        {error !== null && <ErrorNotice error={error} />}
        {items?.length === 0 && (
          <EmptyState title={t('duplicates.empty.title')}>
            <p>{t('duplicates.empty.body')}</p>
          </EmptyState>
        )}
        {items && items.length > 0 && (
          <div className="card table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('duplicates.columns.contacts')}</th>
                  <th scope="col">{t('duplicates.columns.reason')}</th>
                  <th scope="col">{t('duplicates.columns.createdAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('duplicates.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.contacts.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 && ' · '}
                          <Link to={`/w/${slug}/contacts/${c.id}`}>{c.name}</Link>
                        </span>
                      ))}
                    </td>
                    <td>{t(`duplicates.reason.${s.reasonKind}`, { value: s.reasonValue })}</td>
                    <td className="cell-nowrap">{formatDateTime(s.createdAt, i18n.language)}</td>
                    <td className="cell-nowrap">
                      <Link
                        className="button button-small button-primary"
                        to={`/w/${slug}/contacts/${s.contacts[0].id}`}
                      >
                        {t('duplicates.review')}
                      </Link>{' '}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void run(() => contactsApi.dismiss(slug, s.id))}
                      >
                        {t('duplicates.dismiss')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
