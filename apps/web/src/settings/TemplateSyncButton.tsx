import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { syncTemplates } from './settingsApi';

/**
 * Copies a WhatsApp channel's message templates from Meta now (status changes also arrive by webhook),
 * so the composer offers the approved ones once a conversation's 24-hour window has closed.
 */
export function TemplateSyncButton({ slug, channelId }: { slug: string; channelId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sync = useMutation({
    mutationFn: () => syncTemplates(slug, channelId),
    // The composer's picker reads the same list.
    onSuccess: (data) => queryClient.setQueryData(queryKeys.templates(slug, channelId), data),
  });
  return (
    <div className="template-sync">
      <button type="button" className="button button-small" disabled={sync.isPending} onClick={() => sync.mutate()}>
        {sync.isPending ? t('settings.channels.templates.syncing') : t('settings.channels.templates.sync')}
      </button>
      {sync.data && (
        <span className="muted field-hint" role="status">
          {t('settings.channels.templates.synced', {
            count: sync.data.items.length,
            approved: sync.data.items.filter((tpl) => tpl.status === 'APPROVED').length,
          })}
        </span>
      )}
      {sync.error && <ErrorNotice error={sync.error} />}
    </div>
  );
}
