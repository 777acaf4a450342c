import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { ItemsResponse, WebhookDelivery } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useSettingsMutation } from './useSettingsMutation';

/** One webhook's delivery log: each event's status, last answer, duration and attempts, with redeliver. */
export function WebhookDeliveries({ base, slug, webhookId }: { base: string; slug: string; webhookId: number }) {
  const { t, i18n } = useTranslation();
  const key = queryKeys.webhookDeliveries(slug, webhookId);
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () => api.get<ItemsResponse<WebhookDelivery>>(`${base}/${webhookId}/deliveries`),
    refetchInterval: 5_000,
  });
  const redeliver = useSettingsMutation(
    (deliveryId: number) => api.post(`${base}/${webhookId}/deliveries/${deliveryId}/redeliver`, {}),
    key,
  );
  if (deliveries.error) return <ErrorNotice error={deliveries.error} />;
  if (!deliveries.data) return <p className="muted">{t('common.loading')}</p>;
  if (deliveries.data.items.length === 0) return <p className="muted">{t('settings.webhooks.noDeliveries')}</p>;
  return (
    <>
      {redeliver.error && <ErrorNotice error={redeliver.error} />}
      <table className="table" aria-label={t('settings.webhooks.log')}>
        <thead>
          <tr>
            <th>{t('settings.webhooks.columns.event')}</th>
            <th>{t('settings.webhooks.columns.status')}</th>
            <th>{t('settings.webhooks.columns.response')}</th>
            <th>{t('settings.webhooks.columns.duration')}</th>
            <th>{t('settings.webhooks.columns.attempts')}</th>
            <th>{t('settings.webhooks.columns.time')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td>
                <code>{d.event}</code>
              </td>
              <td>{t(`settings.webhooks.status.${d.status}`)}</td>
              <td title={d.lastError ?? undefined}>{d.lastStatusCode ?? d.lastError ?? '—'}</td>
              <td>{d.lastDurationMs === null ? '—' : t('settings.webhooks.durationMs', { ms: d.lastDurationMs })}</td>
              <td>{d.attempts}</td>
              <td>{formatDateTime(d.deliveredAt ?? d.createdAt, i18n.language)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  disabled={redeliver.isPending}
                  onClick={() => redeliver.mutate(d.id)}
                >
                  {t('settings.webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
