import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { workflowsApi } from './workflowsApi';

/** Ejecutar flujo: runs a published shortcut workflow for the conversation's contact. */
export function RunWorkflowAction({ slug, contactId }: { slug: string; contactId: number }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const shortcuts = useQuery({
    queryKey: queryKeys.workflowShortcuts(slug),
    queryFn: () => workflowsApi.shortcuts(slug),
    staleTime: 60_000,
  });
  const items = shortcuts.data?.items ?? [];
  const run = useMutation({
    mutationFn: (w: { id: number; name: string }) => workflowsApi.start(slug, w.id, contactId),
    onMutate: () => setMessage(null),
    onSuccess: (_result, w) => setMessage(t('workflows.shortcut.started', { name: w.name })),
    onError: (error, w) => {
      if (error instanceof ApiError && error.status === 409)
        setMessage(t('workflows.shortcut.conflict', { name: w.name }));
    },
  });
  if (items.length === 0) return null;
  const conflict = run.error instanceof ApiError && run.error.status === 409;
  return (
    <div className="field">
      <SelectField
        className="select-compact"
        label={t('workflows.shortcut.run')}
        value=""
        disabled={run.isPending}
        onChange={(event) => {
          const w = items.find((x) => String(x.id) === event.target.value);
          if (w) run.mutate(w);
        }}
        options={[
          { value: '', label: t('workflows.form.choose') },
          ...items.map((w) => ({ value: String(w.id), label: w.name })),
        ]}
      />
      {message && (
        <span role="status" className={conflict ? 'notice notice-warning' : 'notice notice-success'}>
          {message}
        </span>
      )}
      {run.error && !conflict ? <ErrorNotice error={run.error} /> : null}
    </div>
  );
}
