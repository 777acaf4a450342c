import { useTranslation } from 'react-i18next';
import type { WebchatSettings } from './webchatApi';

type Prechat = WebchatSettings['prechat'];
const FIELDS = ['name', 'email', 'phone'] as const;

/** Personalizar → Pre-Chat: the switch, then each field shown or not, required or not. */
export function WebchatPrechatFields({ value, onChange }: { value: Prechat; onChange: (p: Prechat) => void }) {
  const { t } = useTranslation();
  const setField = (key: (typeof FIELDS)[number], change: Partial<Prechat['fields']['name']>) => {
    const next = { ...value.fields[key], ...change };
    if (change.required) next.enabled = true;
    if (change.enabled === false) next.required = false;
    onChange({ ...value, fields: { ...value.fields, [key]: next } });
  };
  return (
    <fieldset className="fieldset">
      <legend>{t('settings.webchat.prechat.title')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(event) => onChange({ ...value, enabled: event.target.checked })}
        />
        {t('settings.webchat.prechat.enabled')}
      </label>
      {value.enabled && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.webchat.prechat.field')}</th>
              <th scope="col">{t('settings.webchat.prechat.show')}</th>
              <th scope="col">{t('settings.webchat.prechat.required')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((key) => {
              const label = t(`settings.webchat.prechat.fields.${key}`);
              return (
                <tr key={key}>
                  <td>{label}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('settings.webchat.prechat.show')}: ${label}`}
                      checked={value.fields[key].enabled}
                      onChange={(event) => setField(key, { enabled: event.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('settings.webchat.prechat.required')}: ${label}`}
                      checked={value.fields[key].required}
                      onChange={(event) => setField(key, { required: event.target.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
