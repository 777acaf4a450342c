import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { ErrorNotice } from '../common/ErrorNotice';
import { useUpdateMe } from '../shell/useUpdateMe';
import { browserNotificationsSupported } from './browserNotification';

/**
 * Browser notifications and sound on or off, stored per user on the server. Turning browser notifications
 * on is the click that asks the browser's permission (browsers ignore requests made without one).
 */
export function AlertPreferences() {
  const { t } = useTranslation();
  const { user } = useMe();
  const update = useUpdateMe();
  const supported = browserNotificationsSupported();
  const [denied, setDenied] = useState(supported && Notification.permission === 'denied');
  // While saving, show the choice just made rather than the stored one.
  const prefs = { ...user.notifications, ...(update.isPending ? update.variables.notifications : {}) };

  async function toggleBrowser(on: boolean) {
    if (on && Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      setDenied(answer === 'denied');
      if (answer !== 'granted') return;
    }
    update.mutate({ notifications: { browser: on } });
  }

  return (
    <fieldset className="user-menu-section alert-preferences">
      <legend className="user-menu-label">{t('shell.alerts.title')}</legend>
      <span className="muted">{t('shell.alerts.hint')}</span>
      <label className="toggle">
        <input
          type="checkbox"
          checked={supported && prefs.browser && !denied}
          disabled={!supported || update.isPending}
          onChange={(event) => void toggleBrowser(event.target.checked)}
        />
        {t('shell.alerts.browser')}
      </label>
      {!supported && <span className="muted">{t('shell.alerts.unsupported')}</span>}
      {denied && <span className="muted">{t('shell.alerts.denied')}</span>}
      <label className="toggle">
        <input
          type="checkbox"
          checked={prefs.sound}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ notifications: { sound: event.target.checked } })}
        />
        {t('shell.alerts.sound')}
      </label>
      {update.error && <ErrorNotice error={update.error} />}
    </fieldset>
  );
}
