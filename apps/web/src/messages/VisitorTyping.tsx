import { useTranslation } from 'react-i18next';
import { useVisitorTyping } from '../realtime/typing';

/** "Typing…" under the history while the web chat visitor types (an empty live region otherwise). */
export function VisitorTyping({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const typing = useVisitorTyping(conversationId);
  return (
    <p className="muted typing-indicator" role="status" aria-live="polite">
      {typing ? t('messages.visitorTyping') : ''}
    </p>
  );
}
