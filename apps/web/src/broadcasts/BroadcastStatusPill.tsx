import type { BroadcastStatus } from '@charla/contracts/broadcasts';
import { useTranslation } from 'react-i18next';

const statusClass: Record<BroadcastStatus, string> = {
  draft: '',
  scheduled: 'status-invited',
  in_progress: 'status-invited',
  completed: 'status-active',
  failed: 'status-failed',
  cancelled: '',
};

/** Borrador / Programada / En curso / Completada / Fallida / Cancelada. */
export function BroadcastStatusPill({ status }: { status: BroadcastStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${statusClass[status]}`}>{t(`broadcasts.status.${status}`)}</span>;
}
