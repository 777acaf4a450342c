import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';

/** The end of a settings form: the save error, a "Saved" confirmation and the Save button. */
export function SaveFooter({
  error,
  saved,
  pending,
  onSave,
}: {
  error: unknown;
  saved: boolean;
  pending?: boolean;
  /** Without it the button submits its form. */
  onSave?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-actions">
        {saved && <span role="status">{t('settings.saved')}</span>}
        <button
          type={onSave ? 'button' : 'submit'}
          className="button button-primary"
          disabled={pending}
          onClick={onSave}
        >
          {t('settings.save')}
        </button>
      </div>
    </>
  );
}
