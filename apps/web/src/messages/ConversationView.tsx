import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { Composer } from './Composer';
import { MessageHistory } from './MessageHistory';
import { fetchConversation, fetchMessages } from './messagesApi';
import { useInboxFilters } from './useInboxFilters';
import { useMarkReadWhenOpen } from './useMarkReadWhenOpen';

interface ConversationViewProps {
  slug: string;
  conversationId: number;
}

/** One conversation: who, through which channel, its whole history and the reply box. */
export function ConversationView({ slug, conversationId }: ConversationViewProps) {
  const { t } = useTranslation();
  const { search } = useInboxFilters();
  const conversation = useQuery({
    queryKey: queryKeys.conversation(slug, conversationId),
    queryFn: () => fetchConversation(slug, conversationId),
  });
  const messages = useQuery({
    queryKey: queryKeys.messages(slug, conversationId),
    queryFn: () => fetchMessages(slug, conversationId),
  });

  useMarkReadWhenOpen(slug, conversation.data);

  if (conversation.error) {
    return (
      <div className="conversation">
        <ErrorNotice error={conversation.error} onRetry={() => void conversation.refetch()} />
      </div>
    );
  }

  const details = conversation.data;
  return (
    <div className="conversation">
      <header className="conversation-header">
        <Link className="back-link" to={{ pathname: `/w/${slug}/messages`, search }}>
          ← {t('messages.backToList')}
        </Link>
        <div className="conversation-title">
          <h2>{details?.contact.name ?? t('common.loading')}</h2>
          {details && (
            <div className="conversation-subtitle">
              {details.lastChannel && <span className="channel-chip">{details.lastChannel.name}</span>}
              <span className={`status-pill status-${details.status}`}>
                {t(`messages.conversationStatus.${details.status}`)}
              </span>
              <span className="muted">
                {details.assignee
                  ? t('messages.assignedTo', { name: details.assignee.name })
                  : t('messages.unassigned')}
              </span>
            </div>
          )}
        </div>
      </header>
      {messages.error ? (
        <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />
      ) : (
        <MessageHistory messages={messages.data?.items} contactName={details?.contact.name ?? null} />
      )}
      <Composer slug={slug} conversationId={conversationId} channelName={details?.lastChannel?.name ?? null} />
    </div>
  );
}
