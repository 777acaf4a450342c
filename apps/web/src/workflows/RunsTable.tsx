import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../common/formatDate';
import { RunStatusPill } from './StatusPill';
import { runReason } from './traceDetail';
import type { WorkflowRun } from './workflowsApi';

/** The runs: contact (a link to it), status, current / last step, reason, started, updated and "details". */
export function RunsTable({
  slug,
  runs,
  stepLabels,
  onOpen,
}: {
  slug: string;
  runs: WorkflowRun[];
  /** Step id → name, from the workflow's current draft. */
  stepLabels: Map<string, string>;
  onOpen: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrapper">
      <table className="table" aria-label={t('workflows.runs.title')}>
        <thead>
          <tr>
            <th scope="col">{t('workflows.runs.columns.contact')}</th>
            <th scope="col">{t('workflows.runs.columns.status')}</th>
            <th scope="col">{t('workflows.runs.columns.step')}</th>
            <th scope="col">{t('workflows.runs.columns.reason')}</th>
            <th scope="col">{t('workflows.runs.columns.started')}</th>
            <th scope="col">{t('workflows.runs.columns.updated')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('workflows.runs.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="cell-strong">
                <Link to={`/w/${slug}/contacts/${r.contactId}`}>
                  {r.contactName ?? t('workflows.runs.unknownContact', { id: r.contactId })}
                </Link>
              </td>
              <td>
                <RunStatusPill status={r.status} />
              </td>
              <td>{r.currentStepId ? (stepLabels.get(r.currentStepId) ?? r.currentStepId) : '—'}</td>
              <td>{r.reason ? runReason(t, r.reason) : '—'}</td>
              <td className="cell-nowrap">{formatDateTime(r.startedAt, i18n.language)}</td>
              <td className="cell-nowrap">{formatDateTime(r.updatedAt, i18n.language)}</td>
              <td>
                <button type="button" className="button button-small" onClick={() => onOpen(r.id)}>
                  {t('workflows.runs.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
