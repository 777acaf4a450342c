import type { RunStatus } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import type { WorkflowStatus } from './workflowsApi';

const workflowClass: Record<WorkflowStatus, string> = {
  draft: '',
  published: 'status-active',
  paused: 'status-invited',
};
const runClass: Record<RunStatus, string> = {
  active: 'status-active',
  waiting: 'status-invited',
  completed: 'status-active',
  stopped: '',
  failed: 'status-failed',
};

/** Borrador / Publicado / Pausado. */
export function WorkflowStatusPill({ status }: { status: WorkflowStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${workflowClass[status]}`}>{t(`workflows.status.${status}`)}</span>;
}

/** En curso / Esperando / Completada / Detenida / Fallida. */
export function RunStatusPill({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${runClass[status]}`}>{t(`workflows.runs.statuses.${status}`)}</span>;
}
