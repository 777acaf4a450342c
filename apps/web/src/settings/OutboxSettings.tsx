import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useMembership } from '../shell/useWorkspace';
import { fetchOutbox } from './settingsApi';

/** Emails the server could not send by SMTP (in development: every invitation and reset link). */
export function OutboxSettings() {
  const { t, i18n } = useTranslation();
  const membership = useMembership();
  const slug = membership.workspace.slug;
  const isOwner = membership.role === 'owner';
  const outbox = useQuery({ queryKey: queryKeys.outbox(slug), queryFn: () => fetchOutbox(slug), enabled: isOwner });

  if (!isOwner) {
    return (
      <p className="notice notice-error" role="alert">
        {t('errors.forbidden')}
      </p>
    );
  }

  return (
    <section className="card">
      <h2>{t('settings.outbox.title')}</h2>
      <p className="muted">{t('settings.outbox.intro')}</p>
      {outbox.error && <ErrorNotice error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {outbox.isPending && <p className="muted">{t('common.loading')}</p>}
      {outbox.data?.items.length === 0 && <EmptyState title={t('settings.outbox.empty')} />}
      <ul className="outbox-list">
        {outbox.data?.items.map((email) => (
          <li key={email.id}>
            <details className="outbox-item">
              <summary>
                <span className="cell-strong">{email.subject}</span>
                <span className="muted">{t('settings.outbox.to', { to: email.to })}</span>
                <time className="muted" dateTime={email.createdAt}>
                  {formatDateTime(email.createdAt, i18n.language)}
                </time>
              </summary>
              <pre className="outbox-text">{email.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
