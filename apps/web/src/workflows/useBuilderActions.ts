import { type WorkflowDraft, workflowDraftSchema } from '@charla/contracts/workflows';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import type { ItemsResponse } from '../api/types';
import { cleanStep } from './stepValidation';
import { type Workflow, type WorkflowSummary, workflowsApi } from './workflowsApi';

/** Blank lines of one-per-line lists dropped, the rest as typed. */
export function cleanDraft(draft: WorkflowDraft): WorkflowDraft {
  const trigger = draft.trigger;
  const clean = (list: string[]) => list.filter((x) => x.trim() !== '');
  return {
    ...draft,
    trigger:
      trigger.type === 'conversation_closed'
        ? { ...trigger, categories: clean(trigger.categories) }
        : trigger.type === 'contact_tag_updated'
          ? { ...trigger, tags: clean(trigger.tags) }
          : trigger.type === 'contact_field_updated'
            ? { ...trigger, fields: clean(trigger.fields) }
            : trigger,
    graph: { ...draft.graph, steps: draft.graph.steps.map(cleanStep) },
  };
}

/** The builder's server calls: Guardar (PUT), Guardar y publicar (PUT then publish), pause/resume, delete. */
export function useBuilderActions(slug: string, id: number, onSaved: (w: Workflow) => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = async (w: Workflow) => {
    queryClient.setQueryData(queryKeys.workflow(slug, id), w);
    await queryClient.invalidateQueries({ queryKey: queryKeys.workflows(slug), exact: true });
    onSaved(w);
  };
  const save = useMutation({
    mutationFn: async ({ draft, publish }: { draft: WorkflowDraft; publish: boolean }) => {
      const saved = await workflowsApi.save(slug, id, workflowDraftSchema.parse(cleanDraft(draft)));
      return publish ? workflowsApi.publish(slug, id) : saved;
    },
    onSuccess: refresh,
  });
  const pause = useMutation({
    mutationFn: (paused: boolean) => workflowsApi.pause(slug, id, paused),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => workflowsApi.remove(slug, id),
    onSuccess: async () => {
      // Gone from the list at once (not only after the refetch).
      queryClient.setQueryData<ItemsResponse<WorkflowSummary>>(queryKeys.workflows(slug), (list) =>
        list ? { ...list, items: list.items.filter((w) => w.id !== id) } : list,
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.workflows(slug), exact: true });
      navigate(`/w/${slug}/workflows`);
    },
  });
  return { save, pause, remove };
}
