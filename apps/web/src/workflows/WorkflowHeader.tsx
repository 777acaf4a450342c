import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { WorkflowStatusPill } from './StatusPill';
import type { Workflow } from './workflowsApi';

/** The workflow's header: back to Flujos, name, status, version and the Editor / Ejecuciones tabs. */
export function WorkflowHeader({ slug, workflow }: { slug: string; workflow: Workflow | undefined }) {
  const { t } = useTranslation();
  const base = `/w/${slug}/workflows/${workflow?.id ?? ''}`;
  return (
    <header className="page-header page-header-tabs">
      <div className="stack">
        <Link className="page-back-link" to={`/w/${slug}/workflows`}>
          {t('workflows.back')}
        </Link>
        <h1>
          {workflow?.name ?? t('common.loading')} {workflow && <WorkflowStatusPill status={workflow.status} />}{' '}
          {workflow?.publishedVersion && (
            <span className="muted">{t('workflows.version', { version: workflow.publishedVersion })}</span>
          )}
        </h1>
      </div>
      {workflow && (
        <nav className="tabs" aria-label={t('workflows.tabs.label')}>
          <NavLink end className="tab" to={base}>
            {t('workflows.tabs.editor')}
          </NavLink>
          <NavLink className="tab" to={`${base}/runs`}>
            {t('workflows.tabs.runs')}
          </NavLink>
        </nav>
      )}
    </header>
  );
}
