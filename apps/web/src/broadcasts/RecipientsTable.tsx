import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { type Broadcast, broadcastsApi } from './broadcastsApi';

/**
 * The recipients of one status (failed or skipped) with the provider's code and reason, as plain text.
 * Refetched whenever the report's counts change.
 */
export function RecipientsTable({
  slug,
  broadcast,
  status,
}: {
  slug: string;
  broadcast: Broadcast;
  status: 'failed' | 'skipped';
}) {
  const { t } = useTranslation();
  const count = broadcast.report[status];
  const list = useQuery({
    queryKey: [...queryKeys.broadcastRecipients(slug, broadcast.id, status), count],
    queryFn: () => broadcastsApi.recipients(slug, broadcast.id, status),
  });
  if (list.error) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  return (
    <div className="table-wrapper">
      <table className="table" aria-label={t(`broadcasts.detail.${status}`)} data-testid={`recipients-${status}`}>
        <thead>
          <tr>
            <th scope="col">{t('broadcasts.recipients.contact')}</th>
            <th scope="col">{t('broadcasts.recipients.address')}</th>
            <th scope="col">{t('broadcasts.recipients.code')}</th>
            <th scope="col">{t('broadcasts.recipients.reason')}</th>
            {status === 'failed' && <th scope="col">{t('broadcasts.recipients.retryable')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td className="cell-strong">
                <Link to={`/w/${slug}/contacts/${r.contactId}`}>{r.contactName}</Link>
              </td>
              <td>{r.address}</td>
              <td className="cell-nowrap">{r.errorCode ?? '—'}</td>
              <td>{r.errorReason ?? '—'}</td>
              {status === 'failed' && <td>{r.retryable ? t('common.yes') : t('common.no')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.next && <p className="muted">{t('broadcasts.recipients.more', { shown: items.length, count })}</p>}
    </div>
  );
}
