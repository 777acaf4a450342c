import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '../api/types';

/** What a user can choose; "offline" is only ever reported by the server. */
const choices: readonly PresenceStatus[] = ['online', 'away'];

interface PresenceSelectorProps {
  value: PresenceStatus;
  onChange: (status: PresenceStatus) => void;
  disabled?: boolean;
}

export function PresenceSelector({ value, onChange, disabled }: PresenceSelectorProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented" aria-label={t('shell.presence')}>
      {choices.map((status) => (
        <button
          key={status}
          type="button"
          className="segmented-option"
          aria-pressed={value === status}
          disabled={disabled}
          onClick={() => onChange(status)}
        >
          <span className={`presence-dot presence-dot-inline presence-${status}`} aria-hidden="true" />
          {t(`presence.${status}`)}
        </button>
      ))}
    </fieldset>
  );
}
