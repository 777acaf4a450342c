import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { useChannels } from '../api/useWorkspaceData';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useWorkspace } from '../shell/useWorkspace';
import { BroadcastStatusPill } from './BroadcastStatusPill';
import { broadcastsApi, isLive } from './broadcastsApi';

/** Transmisiones: every broadcast with its status, channel, when it goes out and how far it got. */
export function BroadcastsPage() {
  const { t, i18n } = useTranslation();
  const { slug, membership } = useWorkspace();
  const list = useQuery({
    queryKey: queryKeys.broadcasts(slug),
    queryFn: () => broadcastsApi.list(slug),
    refetchInterval: (query) => (query.state.data?.items.some((b) => isLive(b.status)) ? 3000 : false),
  });
  const channels = useChannels(slug);
  const channelName = (id: number | null) => channels.data?.items.find((c) => c.id === id)?.name ?? '—';
  const items = list.data?.items ?? [];
  const canSend = membership?.role !== 'agent';

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('broadcasts.title')}</h1>
        {canSend && (
          <Link className="button button-primary" to={`/w/${slug}/broadcasts/new`}>
            {t('broadcasts.add')}
          </Link>
        )}
      </header>
      <div className="page-body">
        {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && (
          <EmptyState title={t('broadcasts.empty')}>
            <p>{t('broadcasts.emptyHint')}</p>
          </EmptyState>
        )}
        {items.length > 0 && (
          <div className="table-wrapper">
            <table className="table" aria-label={t('broadcasts.listLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('broadcasts.columns.name')}</th>
                  <th scope="col">{t('broadcasts.columns.status')}</th>
                  <th scope="col">{t('broadcasts.columns.channel')}</th>
                  <th scope="col">{t('broadcasts.columns.when')}</th>
                  <th scope="col">{t('broadcasts.columns.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => {
                  const when = b.startedAt ?? b.scheduledAt;
                  return (
                    <tr key={b.id}>
                      <td className="cell-strong">
                        <Link to={`/w/${slug}/broadcasts/${b.id}`}>{b.name}</Link>
                      </td>
                      <td>
                        <BroadcastStatusPill status={b.status} />
                      </td>
                      <td>{channelName(b.channelId)}</td>
                      <td className="cell-nowrap">{when ? formatDateTime(when, i18n.language) : '—'}</td>
                      <td className="cell-nowrap">
                        {b.status === 'draft' || b.status === 'scheduled'
                          ? '—'
                          : t('broadcasts.progress', { sent: b.report.sent, recipients: b.report.recipients })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
