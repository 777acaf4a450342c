import { useTranslation } from 'react-i18next';
import { TextField } from '../../common/TextField';
import type { WebchatSettings } from './webchatApi';

type Hours = WebchatSettings['businessHours'];
const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** A simple weekly schedule (one interval per day; empty = closed) in a time zone, and the away message. */
export function WebchatHoursFields({
  hours,
  awayMessage,
  onChange,
}: {
  hours: Hours;
  awayMessage: string;
  onChange: (hours: Hours, awayMessage: string) => void;
}) {
  const { t } = useTranslation();
  const interval = (day: number) => hours.days.find((d) => d.day === day);
  const setDay = (day: number, from: string, to: string) => {
    const others = hours.days.filter((d) => d.day !== day);
    onChange({ ...hours, days: from && to ? [...others, { day, from, to }] : others }, awayMessage);
  };
  return (
    <fieldset className="fieldset form-grid">
      <legend>{t('settings.webchat.hours.title')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hours.enabled}
          onChange={(e) => onChange({ ...hours, enabled: e.target.checked }, awayMessage)}
        />
        {t('settings.webchat.hours.enabled')}
      </label>
      {hours.enabled && (
        <>
          <TextField
            label={t('settings.webchat.hours.timezone')}
            value={hours.timezone}
            placeholder="America/Mexico_City"
            onChange={(e) => onChange({ ...hours, timezone: e.target.value }, awayMessage)}
          />
          {DAYS.map((day) => {
            const name = t(`settings.webchat.hours.days.${day}`);
            const current = interval(day);
            return (
              <div key={day} className="field">
                <span>{name}</span>
                <input
                  type="time"
                  aria-label={`${name} ${t('settings.webchat.hours.from')}`}
                  value={current?.from ?? ''}
                  onChange={(e) => setDay(day, e.target.value, current?.to ?? '18:00')}
                />
                <input
                  type="time"
                  aria-label={`${name} ${t('settings.webchat.hours.to')}`}
                  value={current?.to ?? ''}
                  onChange={(e) => setDay(day, current?.from ?? '09:00', e.target.value)}
                />
              </div>
            );
          })}
          <TextField
            label={t('settings.webchat.hours.awayMessage')}
            maxLength={500}
            value={awayMessage}
            onChange={(e) => onChange(hours, e.target.value)}
          />
        </>
      )}
    </fieldset>
  );
}
