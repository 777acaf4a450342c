import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { useWorkspace } from '../shell/useWorkspace';
import { contactsApi } from './contactsApi';
import { useContactAction } from './useContactAction';

/**
 * Deletes the contact with its conversations and messages, after a confirmation, then goes back to the
 * list. Shown to owners and to managers the owner did not restrict from deleting contacts (as the API checks).
 */
export function DeleteContactButton({ contactId, name }: { contactId: number; name: string }) {
  const { t } = useTranslation();
  const { slug, membership } = useWorkspace();
  const navigate = useNavigate();
  const { run, error } = useContactAction(slug);
  const allowed =
    membership?.role === 'owner' ||
    (membership?.role === 'manager' && !membership.restrictions.includes('contact_deletion'));
  if (!allowed) return null;
  return (
    <div>
      <button
        type="button"
        className="button button-danger"
        onClick={() => {
          if (!window.confirm(t('contact.deleteConfirm', { name }))) return;
          void run(async () => {
            await contactsApi.remove(slug, contactId);
            void navigate(`/w/${slug}/contacts`);
          });
        }}
      >
        {t('contact.delete')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
