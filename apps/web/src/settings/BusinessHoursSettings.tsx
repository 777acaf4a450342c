import { SaveFooter } from './SaveFooter';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { BusinessHours, TimeRange, Weekday } from '../api/types';
import { useWorkspaceSettings } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { TimeZoneField } from '../common/TimeZoneField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
type Form = BusinessHours & { timezone: string };

/** Settings → Business hours: a weekly schedule on the workspace's clock and the away message sent outside it. */
export function BusinessHoursSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const settings = useWorkspaceSettings(slug);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !form) setForm({ ...settings.data.businessHours, timezone: settings.data.general.timezone });
  }, [settings.data, form]);
  const save = useSettingsMutation(
    (body: Form) => api.put(`${workspacePath(slug)}/settings/business-hours`, body),
    queryKeys.settings(slug),
    () => setSaved(true),
  );
  if (!form) return settings.error ? <ErrorNotice error={settings.error} /> : null;

  const setDay = (day: Weekday, ranges: TimeRange[]) => setForm({ ...form, days: { ...form.days, [day]: ranges } });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (form) save.mutate(form);
  }

  return (
    <section className="card">
      <h2>{t('settings.businessHours.title')}</h2>
      <form className="form-grid" onSubmit={submit} onChange={() => setSaved(false)}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
          />{' '}
          {t('settings.businessHours.enabled')}
        </label>
        <TimeZoneField value={form.timezone} onChange={(timezone) => setForm({ ...form, timezone })} />
        <fieldset>
          <legend>{t('settings.businessHours.schedule')}</legend>
          {WEEKDAYS.map((day) => (
            <div key={day} className="inline-form" data-testid={`hours-${day}`}>
              <strong>{t(`settings.businessHours.days.${day}`)}</strong>
              {form.days[day].length === 0 && <span className="muted">{t('settings.businessHours.closed')}</span>}
              {form.days[day].map((range, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity besides their place
                <span key={i}>
                  <input
                    type="time"
                    aria-label={t('settings.businessHours.from', { day: t(`settings.businessHours.days.${day}`) })}
                    value={range.from}
                    required
                    onChange={(e) =>
                      setDay(
                        day,
                        form.days[day].map((r, j) => (j === i ? { ...r, from: e.target.value } : r)),
                      )
                    }
                  />
                  {' – '}
                  <input
                    type="time"
                    aria-label={t('settings.businessHours.to', { day: t(`settings.businessHours.days.${day}`) })}
                    value={range.to === '24:00' ? '23:59' : range.to}
                    required
                    onChange={(e) =>
                      setDay(
                        day,
                        form.days[day].map((r, j) => (j === i ? { ...r, to: e.target.value } : r)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setDay(
                        day,
                        form.days[day].filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t('settings.remove')}
                  </button>
                </span>
              ))}
              <button
                type="button"
                className="link-button"
                onClick={() => setDay(day, [...form.days[day], { from: '09:00', to: '18:00' }])}
              >
                {t('settings.businessHours.addRange')}
              </button>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="away-message">{t('settings.businessHours.awayMessage')}</label>
          <textarea
            id="away-message"
            maxLength={1000}
            rows={3}
            value={form.awayMessage}
            onChange={(e) => setForm({ ...form, awayMessage: e.target.value })}
          />
          <small className="field-hint">{t('settings.businessHours.awayHint')}</small>
        </div>
        <SaveFooter error={save.error} saved={saved} pending={save.isPending} />
      </form>
    </section>
  );
}
