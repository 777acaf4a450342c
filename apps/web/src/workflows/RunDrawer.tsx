import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { stepName } from './outputLabel';
import { RunStatusPill } from './StatusPill';
import { outcomeLabel, runReason, traceDetail } from './traceDetail';
import { workflowsApi } from './workflowsApi';

/** One run: contact, status, reason, and the step-by-step trace (step, outcome, detail, time). */
export function RunDrawer({ slug, runId, onClose }: { slug: string; runId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trace = useQuery({
    queryKey: queryKeys.workflowRun(slug, runId),
    queryFn: () => workflowsApi.run(slug, runId),
  });
  const data = trace.data;
  const steps = new Map((data?.steps ?? []).map((s) => [s.id, s]));
  return (
    <div className="dialog-backdrop">
      <section className="dialog card run-drawer" role="dialog" aria-modal="true" aria-labelledby="run-title">
        <header className="builder-panel-header">
          <h2 id="run-title">{t('workflows.runs.detail', { id: runId })}</h2>
          <button type="button" className="button button-small" onClick={onClose}>
            {t('workflows.runs.close')}
          </button>
        </header>
        {trace.error && <ErrorNotice error={trace.error} onRetry={() => void trace.refetch()} />}
        {data && (
          <>
            <p>
              <Link to={`/w/${slug}/contacts/${data.run.contactId}`}>
                {data.run.contactName ?? t('workflows.runs.unknownContact', { id: data.run.contactId })}
              </Link>{' '}
              <RunStatusPill status={data.run.status} /> {data.run.workflowName}{' '}
              {data.version !== null && (
                <span className="muted">{t('workflows.runs.version', { version: data.version })}</span>
              )}
            </p>
            {data.run.reason && <p className="notice notice-warning">{runReason(t, data.run.reason)}</p>}
            <h3>{t('workflows.runs.trace')}</h3>
            <ol className="timeline run-trace" aria-label={t('workflows.runs.trace')}>
              {data.trace.map((row) => {
                const step = row.stepId ? steps.get(row.stepId) : undefined;
                const label = step ? stepName(t, step) : (row.stepId ?? t('workflows.runs.triggerStep'));
                const outcome = outcomeLabel(t, row.outcome);
                const detail = traceDetail(t, row.detail, (i) => t('workflows.outputs.branch', { n: i + 1 }));
                return (
                  <li key={row.id} data-outcome={row.outcome}>
                    <span>
                      <strong>{label}</strong> — {outcome}
                      {detail && <span className="muted"> · {detail}</span>}
                    </span>
                    <span className="muted">{formatDateTime(row.at, i18n.language)}</span>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </section>
    </div>
  );
}
