import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { ConversationStatus } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { ConversationListItem } from './ConversationListItem';
import { fetchConversations } from './messagesApi';
import { useInboxFilters } from './useInboxFilters';

interface ConversationListProps {
  slug: string;
  selectedId: number | null;
}

export function ConversationList({ slug, selectedId }: ConversationListProps) {
  const { t } = useTranslation();
  const statusId = useId();
  const filters = useInboxFilters();
  const conversations = useQuery({
    queryKey: queryKeys.conversationList(slug, filters.view, filters.status),
    queryFn: () => fetchConversations(slug, filters.view, filters.status),
  });

  return (
    <section className="inbox-list" aria-label={t('messages.listLabel')}>
      <header className="inbox-list-header">
        <h1>{t('nav.messages')}</h1>
        <div className="inbox-filters">
          <fieldset className="tabs" aria-label={t('messages.viewLabel')}>
            {filters.views.map((view) => (
              <button
                key={view}
                type="button"
                className="tab"
                aria-pressed={filters.view === view}
                onClick={() => filters.update({ view })}
              >
                {t(`messages.views.${view}`)}
              </button>
            ))}
          </fieldset>
          <label htmlFor={statusId} className="visually-hidden">
            {t('messages.statusLabel')}
          </label>
          <select
            id={statusId}
            className="select-compact"
            value={filters.status}
            onChange={(event) => filters.update({ status: event.target.value as ConversationStatus })}
          >
            {filters.statuses.map((status) => (
              <option key={status} value={status}>
                {t(`messages.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </header>
      {conversations.error && <ErrorNotice error={conversations.error} onRetry={() => void conversations.refetch()} />}
      {conversations.isPending && <p className="list-placeholder muted">{t('common.loading')}</p>}
      {conversations.data?.items.length === 0 && (
        <p className="list-placeholder muted">{t(`messages.empty.${filters.status}`)}</p>
      )}
      <ul className="conversation-list">
        {conversations.data?.items.map((conversation) => (
          <ConversationListItem
            key={conversation.id}
            slug={slug}
            conversation={conversation}
            selected={conversation.id === selectedId}
            search={filters.search}
          />
        ))}
      </ul>
    </section>
  );
}
