import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../common/CopyButton';
import { ErrorNotice } from '../common/ErrorNotice';
import { workflowsApi } from './workflowsApi';

/** The incoming-webhook trigger's URL and signing secret, with how to sign a call. */
export function WebhookTriggerInfo({ slug, workflowId }: { slug: string; workflowId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['w', slug, 'workflows', workflowId, 'webhook'];
  const hook = useQuery({ queryKey: key, queryFn: () => workflowsApi.webhook(slug, workflowId) });
  const rotate = useMutation({
    mutationFn: () => workflowsApi.webhook(slug, workflowId, true),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  if (hook.error) return <ErrorNotice error={hook.error} />;
  if (!hook.data) return null;
  return (
    <div className="webhook-trigger-info">
      <p className="muted">{t('workflows.triggerPanel.webhookHelp')}</p>
      <div className="field">
        <span>{t('workflows.triggerPanel.webhookUrl')}</span>
        <code data-testid="workflow-webhook-url">{hook.data.url}</code> <CopyButton text={hook.data.url} />
      </div>
      <div className="field">
        <span>{t('workflows.triggerPanel.webhookSecret')}</span>
        <code>{hook.data.secret}</code> <CopyButton text={hook.data.secret} />
      </div>
      <pre className="code-sample">{`POST ${hook.data.url}
X-Charla-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
{"contact": "phone:+5215512345678", "variables": {"order": "1042"}, "eventId": "…"}`}</pre>
      <button type="button" className="button button-small" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
        {t('workflows.triggerPanel.rotateSecret')}
      </button>
    </div>
  );
}
