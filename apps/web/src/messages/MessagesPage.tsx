import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyState } from '../common/EmptyState';
import { useWorkspace } from '../shell/useWorkspace';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';

/** The inbox: conversations on the left, the open conversation on the right (one at a time on phones). */
export function MessagesPage() {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const conversationId = Number(useParams().conversationId) || null;

  return (
    <div className={conversationId ? 'inbox inbox-has-selection' : 'inbox'}>
      <ConversationList slug={slug} selectedId={conversationId} />
      <section className="inbox-detail" aria-label={t('messages.conversation')}>
        {conversationId ? (
          <ConversationView key={conversationId} slug={slug} conversationId={conversationId} />
        ) : (
          <div className="page-body-center">
            <EmptyState title={t('messages.noSelection.title')}>
              <p>{t('messages.noSelection.body')}</p>
            </EmptyState>
          </div>
        )}
      </section>
    </div>
  );
}
