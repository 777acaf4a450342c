import type { BroadcastReport } from '@charla/contracts/broadcasts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { useChannels } from '../api/useWorkspaceData';
import { ErrorNotice } from '../common/ErrorNotice';
import { segmentsApi } from '../contacts/segments/segmentsApi';
import { formatDateTime } from '../common/formatDate';
import { useWorkspace } from '../shell/useWorkspace';
import { BroadcastStatusPill } from './BroadcastStatusPill';
import { type Broadcast, broadcastsApi, isLive, refreshInterval } from './broadcastsApi';
import { RecipientsTable } from './RecipientsTable';

const FIGURES = [
  'recipients',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
] as const satisfies (keyof BroadcastReport)[];

/**
 * One broadcast: what it sends and when, the report (recipients, sent, delivered, read, replied, failed,
 * polled while it runs), the failed recipients with the provider's reasons and "Retry failed", the
 * skipped ones, and the actions its status allows (send a draft, cancel a scheduled or running one).
 */
export function BroadcastDetailPage() {
  const { t, i18n } = useTranslation();
  const { slug, membership } = useWorkspace();
  const id = Number(useParams().broadcastId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannels(slug);
  const segments = useQuery({ queryKey: queryKeys.segments(slug), queryFn: () => segmentsApi.list(slug) });
  const query = useQuery({
    queryKey: queryKeys.broadcast(slug, id),
    queryFn: () => broadcastsApi.get(slug, id),
    refetchInterval: (q) => refreshInterval(q.state.data),
  });
  const b = query.data;
  const canSend = membership?.role !== 'agent';
  const refresh = (next: Broadcast) => {
    queryClient.setQueryData(queryKeys.broadcast(slug, id), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.broadcasts(slug) });
  };
  const action = useMutation({
    mutationFn: (kind: 'send' | 'cancel' | 'retry') => broadcastsApi[kind](slug, id),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => broadcastsApi.remove(slug, id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.broadcasts(slug) });
      void navigate(`/w/${slug}/broadcasts`);
    },
  });

  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (!b) return <p className="list-placeholder muted">{t('common.loading')}</p>;
  const channel = channels.data?.items.find((c) => c.id === b.channelId);
  const segment = segments.data?.items.find((s) => s.id === b.segmentId);
  const busy = action.isPending || remove.isPending;

  return (
    <div className="page">
      <header className="page-header">
        <h1>
          <Link to={`/w/${slug}/broadcasts`}>{t('broadcasts.title')}</Link> / {b.name}
        </h1>
        <BroadcastStatusPill status={b.status} />
        {canSend && (
          <div className="broadcast-actions">
            {b.status === 'draft' && (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => remove.mutate()}>
                  {t('broadcasts.detail.delete')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => action.mutate('send')}
                >
                  {b.schedule ? t('broadcasts.form.schedule') : t('broadcasts.form.send')}
                </button>
              </>
            )}
            {isLive(b.status) && (
              <button type="button" className="button" disabled={busy} onClick={() => action.mutate('cancel')}>
                {t('broadcasts.detail.cancel')}
              </button>
            )}
          </div>
        )}
      </header>
      <div className="page-body broadcast-detail">
        {(action.error || remove.error) && <ErrorNotice error={action.error ?? remove.error} />}
        <dl className="broadcast-facts">
          <div>
            <dt>{t('broadcasts.columns.channel')}</dt>
            <dd>{channel?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('broadcasts.form.audience')}</dt>
            <dd>
              {b.allContacts
                ? t('broadcasts.form.allContacts')
                : segment
                  ? t('broadcasts.detail.segmentNamed', { name: segment.name })
                  : t('broadcasts.detail.segment')}
            </dd>
          </div>
          <div>
            <dt>{t('broadcasts.form.when')}</dt>
            <dd>
              {b.schedule
                ? t('broadcasts.detail.scheduledFor', {
                    time: b.schedule.localTime.replace('T', ' '),
                    zone: b.schedule.timeZone,
                  })
                : t('broadcasts.form.now')}
            </dd>
          </div>
          {b.startedAt && (
            <div>
              <dt>{t('broadcasts.detail.started')}</dt>
              <dd>{formatDateTime(b.startedAt, i18n.language)}</dd>
            </div>
          )}
          <div>
            <dt>{t('broadcasts.form.message')}</dt>
            <dd className="broadcast-content">
              {b.content.kind === 'text' ? b.content.text : t('broadcasts.detail.template')}
            </dd>
          </div>
        </dl>
        {b.failureReason && (
          <p className="notice notice-error" role="alert">
            {t(`broadcasts.failure.${b.failureReason as 'no_recipient_reached'}`, {
              defaultValue: b.failureReason,
            })}
          </p>
        )}
        <section aria-label={t('broadcasts.detail.report')}>
          <h2>{t('broadcasts.detail.report')}</h2>
          <ul className="broadcast-report" data-testid="broadcast-report">
            {FIGURES.map((f) => (
              <li key={f} className="card">
                <span className="broadcast-figure" data-testid={`figure-${f}`}>
                  {b.report[f]}
                </span>
                <span className="muted">{t(`broadcasts.report.${f}`)}</span>
              </li>
            ))}
          </ul>
          {(b.report.pending > 0 || b.report.skipped > 0) && (
            <p className="muted">
              {t('broadcasts.detail.pendingSkipped', { pending: b.report.pending, skipped: b.report.skipped })}
            </p>
          )}
        </section>
        {b.report.failed > 0 && (
          <section aria-label={t('broadcasts.detail.failed')}>
            <div className="broadcast-section-header">
              <h2>{t('broadcasts.detail.failed')}</h2>
              {canSend && b.report.retryable > 0 && !isLive(b.status) && b.status !== 'cancelled' && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => action.mutate('retry')}
                >
                  {t('broadcasts.detail.retry', { count: b.report.retryable })}
                </button>
              )}
            </div>
            <RecipientsTable slug={slug} broadcast={b} status="failed" />
          </section>
        )}
        {b.report.skipped > 0 && (
          <section aria-label={t('broadcasts.detail.skipped')}>
            <h2>{t('broadcasts.detail.skipped')}</h2>
            <RecipientsTable slug={slug} broadcast={b} status="skipped" />
          </section>
        )}
      </div>
    </div>
  );
}
