import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { ErrorNotice } from '../common/ErrorNotice';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { AlertPreferences } from '../alerts/AlertPreferences';
import { LogoutButton } from './LogoutButton';
import { PresenceSelector } from './PresenceSelector';
import { useUpdateMe } from './useUpdateMe';
import { usePresence } from './usePresence';

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase());
  return letters.join('') || '?';
}

/** The signed-in user's button; opens activity status, language, notification preferences and logout. */
export function UserMenu({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const { user } = useMe();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const changeLocale = useUpdateMe();
  const presence = usePresence(slug, user.id);

  useEffect(() => {
    if (!open) return;
    function closeOnOutsideClick(event: MouseEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key === 'Escape') setOpen(false);
    }
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={containerRef}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('shell.userMenu')}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
          <span className={`presence-dot presence-${presence.status}`} />
        </span>
        <span className="user-menu-name">{user.name}</span>
      </button>
      {open && (
        <div className="user-menu-panel" id={menuId}>
          <div className="user-menu-identity">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </div>
          <div className="user-menu-section">
            <span className="user-menu-label">{t('shell.presence')}</span>
            <PresenceSelector
              value={presence.status}
              disabled={presence.change.isPending}
              onChange={(status) => presence.change.mutate(status)}
            />
            {presence.change.error && <ErrorNotice error={presence.change.error} />}
          </div>
          <div className="user-menu-section">
            <span className="user-menu-label">{t('shell.language')}</span>
            <LanguageSwitch
              value={i18n.language}
              disabled={changeLocale.isPending}
              onChange={(locale) => changeLocale.mutate({ locale })}
            />
            {changeLocale.error && <ErrorNotice error={changeLocale.error} />}
          </div>
          <AlertPreferences />
          <LogoutButton className="button button-block" />
        </div>
      )}
    </div>
  );
}
