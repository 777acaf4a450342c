import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWorkspace } from '../shell/useWorkspace';
import { WorkflowStatusPill } from './StatusPill';
import { TemplateGallery } from './TemplateGallery';
import { workflowsApi } from './workflowsApi';

/** Flujos: every workflow with its trigger, status, version and run counts; "+ Agregar flujo" opens the gallery. */
export function WorkflowsPage() {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: queryKeys.workflows(slug), queryFn: () => workflowsApi.list(slug) });
  const items = list.data?.items ?? [];

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('workflows.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t('workflows.add')}
        </button>
      </header>
      <div className="page-body">
        {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && (
          <EmptyState title={t('workflows.empty')}>
            <p>{t('workflows.emptyHint')}</p>
          </EmptyState>
        )}
        {items.length > 0 && (
          <div className="table-wrapper">
            <table className="table" aria-label={t('workflows.listLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('workflows.columns.name')}</th>
                  <th scope="col">{t('workflows.columns.trigger')}</th>
                  <th scope="col">{t('workflows.columns.status')}</th>
                  <th scope="col">{t('workflows.columns.version')}</th>
                  <th scope="col">{t('workflows.columns.runs')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.id}>
                    <td className="cell-strong">
                      <Link to={`/w/${slug}/workflows/${w.id}`}>{w.name}</Link>
                    </td>
                    <td>{t(`workflows.triggers.${w.triggerType}`)}</td>
                    <td>
                      <WorkflowStatusPill status={w.status} />{' '}
                      {w.hasUnpublishedChanges && w.publishedVersion !== null && (
                        <span className="muted">{t('workflows.unpublished')}</span>
                      )}
                    </td>
                    <td>
                      {w.publishedVersion === null ? '—' : t('workflows.version', { version: w.publishedVersion })}
                    </td>
                    <td className="cell-nowrap">{t('workflows.runCounts', w.runs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {adding && <TemplateGallery slug={slug} onClose={() => setAdding(false)} />}
    </div>
  );
}
