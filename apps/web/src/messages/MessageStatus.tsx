import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types';

const marks: Record<Message['status'], string> = {
  received: '',
  pending: '◷',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '!',
};

/** The delivery status of an outbound message: a mark and its translated name. */
export function MessageStatus({ message }: { message: Message }) {
  const { t } = useTranslation();
  return (
    <span className={`message-status message-status-${message.status}`}>
      <span aria-hidden="true">{marks[message.status]}</span> {t(`messages.deliveryStatus.${message.status}`)}
    </span>
  );
}
