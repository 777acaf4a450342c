import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWorkspace } from '../shell/useWorkspace';
import { WorkflowBuilder } from './WorkflowBuilder';
import { WorkflowHeader } from './WorkflowHeader';
import { workflowsApi } from './workflowsApi';

/** /w/:slug/workflows/:workflowId: the builder (its own chunk, with React Flow). */
export function WorkflowBuilderPage() {
  const { slug } = useWorkspace();
  const id = Number(useParams().workflowId);
  const workflow = useQuery({ queryKey: queryKeys.workflow(slug, id), queryFn: () => workflowsApi.get(slug, id) });
  return (
    <div className="page">
      <WorkflowHeader slug={slug} workflow={workflow.data} />
      {workflow.error && <ErrorNotice error={workflow.error} onRetry={() => void workflow.refetch()} />}
      {workflow.data && <WorkflowBuilder key={workflow.data.id} slug={slug} workflow={workflow.data} />}
    </div>
  );
}
