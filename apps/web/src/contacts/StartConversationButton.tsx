import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWorkspace } from '../shell/useWorkspace';
import { contactsApi } from './contactsApi';
import { useContactAction } from './useContactAction';

/**
 * "Send a message": opens the contact's conversation in the inbox, starting one when there is none (an
 * imported contact who never wrote). The composer then offers the channels that can reach them, their
 * phone number on WhatsApp or SMS included.
 */
export function StartConversationButton({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  const { slug } = useWorkspace();
  const navigate = useNavigate();
  const { run, error } = useContactAction(slug);
  return (
    <div>
      <button
        type="button"
        className="button button-primary"
        onClick={() =>
          void run(async () => {
            const { conversation } = await contactsApi.startConversation(slug, contactId);
            void navigate(`/w/${slug}/messages/${conversation.id}`);
          })
        }
      >
        {t('contact.sendMessage')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
