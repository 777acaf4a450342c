import { renderVariables } from '@charla/contracts/variables';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types';
import { useMe } from '../auth/useMe';
import { useMembership } from '../shell/useWorkspace';

/**
 * What the contact will read once `$variables` are replaced (the server does the same when sending). Known
 * variables without a value are flagged: the server refuses to send them.
 */
export function VariablePreview({ text, conversation }: { text: string; conversation: Conversation }) {
  const { t } = useTranslation();
  const me = useMe();
  const { workspace } = useMembership();
  if (!text.includes('$')) return null;
  const { contact } = conversation;
  const rendered = renderVariables(text, {
    contact: {
      firstname: contact.firstName,
      lastname: contact.lastName,
      name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.name,
      phone: contact.phone,
      email: contact.email,
    },
    user: { name: me.user.name },
    assignee: { name: conversation.assignee?.name },
    workspace: { name: workspace.name },
  });
  if (rendered.text === text && rendered.empty.length === 0) return null;
  return (
    <div className="variable-preview" data-testid="variable-preview">
      <span className="muted">{t('messages.composer.preview')}</span>
      <p className="variable-preview-text">{rendered.text}</p>
      {rendered.empty.length > 0 && (
        <p className="notice notice-warning" role="status">
          {t('messages.composer.emptyVariables', { variables: rendered.empty.join(', ') })}
        </p>
      )}
    </div>
  );
}
