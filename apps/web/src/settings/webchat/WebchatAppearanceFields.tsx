import { useTranslation } from 'react-i18next';
import { TextField } from '../../common/TextField';
import type { WebchatSettings } from './webchatApi';

type Appearance = WebchatSettings['appearance'];

/** Colour, position, launcher icon, greeting, team name, avatar, language and sound. */
export function WebchatAppearanceFields({ value, onChange }: { value: Appearance; onChange: (a: Appearance) => void }) {
  const { t } = useTranslation();
  const set = (change: Partial<Appearance>) => onChange({ ...value, ...change });
  return (
    <fieldset className="fieldset form-grid">
      <legend>{t('settings.webchat.appearance.title')}</legend>
      <TextField
        label={t('settings.webchat.appearance.color')}
        type="color"
        value={value.color}
        onChange={(e) => set({ color: e.target.value })}
      />
      <div className="field">
        <label htmlFor="wc-position">{t('settings.webchat.appearance.position')}</label>
        <select
          id="wc-position"
          value={value.position}
          onChange={(e) => set({ position: e.target.value as Appearance['position'] })}
        >
          <option value="right">{t('settings.webchat.appearance.right')}</option>
          <option value="left">{t('settings.webchat.appearance.left')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="wc-icon">{t('settings.webchat.appearance.launcherIcon')}</label>
        <select
          id="wc-icon"
          value={value.launcherIcon}
          onChange={(e) => set({ launcherIcon: e.target.value as Appearance['launcherIcon'] })}
        >
          {(['chat', 'help', 'message'] as const).map((icon) => (
            <option key={icon} value={icon}>
              {t(`settings.webchat.appearance.icons.${icon}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('settings.webchat.appearance.greeting')}
        maxLength={300}
        value={value.greeting}
        onChange={(e) => set({ greeting: e.target.value })}
      />
      <TextField
        label={t('settings.webchat.appearance.teamName')}
        maxLength={80}
        value={value.teamName}
        onChange={(e) => set({ teamName: e.target.value })}
      />
      <TextField
        label={t('settings.webchat.appearance.avatarUrl')}
        type="url"
        value={value.avatarUrl ?? ''}
        onChange={(e) => set({ avatarUrl: e.target.value.trim() || null })}
      />
      <div className="field">
        <label htmlFor="wc-language">{t('settings.webchat.appearance.language')}</label>
        <select
          id="wc-language"
          value={value.language}
          onChange={(e) => set({ language: e.target.value as Appearance['language'] })}
        >
          {(['auto', 'es', 'en'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`settings.webchat.appearance.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={value.sound} onChange={(e) => set({ sound: e.target.checked })} />
        {t('settings.webchat.appearance.sound')}
      </label>
    </fieldset>
  );
}
