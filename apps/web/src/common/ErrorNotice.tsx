import { useTranslation } from 'react-i18next';
import { errorMessage } from './errorMessage';

interface ErrorNoticeProps {
  error: unknown;
  onRetry?: () => void;
}

/** A translated, accessible error message with an optional retry button. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <span>{errorMessage(t, error)}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
