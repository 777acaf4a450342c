import { RUN_STATUSES, type RunStatus } from '@charla/contracts/workflows';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { useWorkspace } from '../shell/useWorkspace';
import { RunDrawer } from './RunDrawer';
import { stepName } from './outputLabel';
import { RunsTable } from './RunsTable';
import { WorkflowHeader } from './WorkflowHeader';
import { workflowsApi } from './workflowsApi';

/** Ejecuciones: the workflow's runs, newest first, filtered by status, "load more" by id; a run opens its trace. */
export function WorkflowRunsPage() {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const id = Number(useParams().workflowId);
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [open, setOpen] = useState<number | null>(null);
  const workflow = useQuery({ queryKey: queryKeys.workflow(slug, id), queryFn: () => workflowsApi.get(slug, id) });
  const runs = useInfiniteQuery({
    queryKey: queryKeys.workflowRuns(slug, id, status),
    queryFn: ({ pageParam }) => workflowsApi.runs(slug, id, { status: status || undefined, beforeId: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
    // Live runs move on by themselves: keep the table fresh while it is open.
    refetchInterval: 10_000,
  });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const stepLabels = new Map((workflow.data?.graph.steps ?? []).map((s) => [s.id, stepName(t, s)]));

  return (
    <div className="page">
      <WorkflowHeader slug={slug} workflow={workflow.data} />
      <div className="page-body">
        <div className="row-actions">
          <SelectField
            className="select-compact"
            label={t('workflows.runs.filter')}
            value={status}
            onChange={(e) => setStatus(e.target.value as RunStatus | '')}
            options={[
              { value: '', label: t('workflows.runs.all') },
              ...RUN_STATUSES.map((s) => ({ value: s, label: t(`workflows.runs.statuses.${s}`) })),
            ]}
          />
          <button type="button" className="button button-small" onClick={() => void runs.refetch()}>
            {t('common.retry')}
          </button>
        </div>
        {runs.error && <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />}
        {runs.data && items.length === 0 && <p className="muted">{t('workflows.runs.empty')}</p>}
        {items.length > 0 && <RunsTable slug={slug} runs={items} stepLabels={stepLabels} onOpen={setOpen} />}
        {runs.hasNextPage && (
          <button
            type="button"
            className="button"
            disabled={runs.isFetchingNextPage}
            onClick={() => void runs.fetchNextPage()}
          >
            {t('workflows.runs.loadMore')}
          </button>
        )}
      </div>
      {open !== null && <RunDrawer slug={slug} runId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
