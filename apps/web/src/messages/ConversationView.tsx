import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { Composer } from './Composer';
import { VisitorTyping } from './VisitorTyping';
import { CloseConversationForm } from './CloseConversationForm';
import { ConversationActions } from './ConversationActions';
import { MessageHistory } from './MessageHistory';
import { fetchComments, fetchConversation, fetchMessages } from './messagesApi';
import { useInboxFilters } from './useInboxFilters';
import { useMarkReadWhenOpen } from './useMarkReadWhenOpen';

interface ConversationViewProps {
  slug: string;
  conversationId: number;
}

/** One conversation: who, its state and actions, the whole history with internal comments, and the composer. */
export function ConversationView({ slug, conversationId }: ConversationViewProps) {
  const { t } = useTranslation();
  const { search } = useInboxFilters();
  const [closing, setClosing] = useState(false);
  const conversation = useQuery({
    queryKey: queryKeys.conversation(slug, conversationId),
    queryFn: () => fetchConversation(slug, conversationId),
  });
  const messages = useQuery({
    queryKey: queryKeys.messages(slug, conversationId),
    queryFn: () => fetchMessages(slug, conversationId),
  });
  const comments = useQuery({
    queryKey: queryKeys.comments(slug, conversationId),
    queryFn: () => fetchComments(slug, conversationId),
  });

  useMarkReadWhenOpen(slug, conversation.data);

  if (conversation.error) {
    return (
      <div className="conversation">
        <Link className="back-link" to={{ pathname: `/w/${slug}/messages`, search }}>
          ← {t('messages.backToList')}
        </Link>
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
              {details.contact.blocked && <span className="status-pill status-error">{t('messages.blocked')}</span>}
              {details.closingCategory && (
                <span className="muted">
                  {t('messages.closing.noted', { category: details.closingCategory })}
                  {details.closingSummary ? ` — ${details.closingSummary}` : ''}
                </span>
              )}
            </div>
          )}
        </div>
        {details && <ConversationActions slug={slug} conversation={details} onClose={() => setClosing(true)} />}
      </header>
      {closing && details?.status === 'open' && (
        <CloseConversationForm slug={slug} conversationId={conversationId} onDone={() => setClosing(false)} />
      )}
      {messages.error ? (
        <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />
      ) : (
        <MessageHistory
          messages={messages.data?.items}
          comments={comments.data?.items ?? []}
          contactName={details?.contact.name ?? null}
        />
      )}
      {details && <VisitorTyping conversationId={details.id} />}
      {details && <Composer slug={slug} conversation={details} />}
    </div>
  );
}
