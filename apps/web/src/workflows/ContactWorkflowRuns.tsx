import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { useWorkspace } from '../shell/useWorkspace';
import { RunDrawer } from './RunDrawer';
import { RunStatusPill } from './StatusPill';
import { runReason } from './traceDetail';
import { workflowsApi } from './workflowsApi';

/** Flujos on the contact page: the contact's workflow runs with status; managers open the trace. */
export function ContactWorkflowRuns({ slug, contactId }: { slug: string; contactId: number }) {
  const { t, i18n } = useTranslation();
  const { membership } = useWorkspace();
  const manager = membership?.role === 'owner' || membership?.role === 'manager';
  const [open, setOpen] = useState<number | null>(null);
  const runs = useQuery({
    queryKey: queryKeys.contactWorkflowRuns(slug, contactId),
    queryFn: () => workflowsApi.contactRuns(slug, contactId),
  });
  return (
    <section className="card" aria-labelledby="contact-runs-title">
      <h2 id="contact-runs-title">{t('workflows.contactRuns.title')}</h2>
      {runs.error && <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data?.items.length === 0 && <p className="muted">{t('workflows.contactRuns.empty')}</p>}
      <ol className="timeline">
        {runs.data?.items.map((r) => (
          <li key={r.id}>
            <span>
              {manager ? (
                <Link to={`/w/${slug}/workflows/${r.workflowId}/runs`}>{r.workflowName}</Link>
              ) : (
                r.workflowName
              )}{' '}
              <RunStatusPill status={r.status} />
              {r.reason && <span className="muted"> · {runReason(t, r.reason)}</span>}
            </span>
            <span className="muted">
              {formatDateTime(r.startedAt, i18n.language)}
              {manager && (
                <>
                  {' · '}
                  <button type="button" className="link-button" onClick={() => setOpen(r.id)}>
                    {t('workflows.contactRuns.trace')}
                  </button>
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {open !== null && <RunDrawer slug={slug} runId={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
