import { SaveFooter } from './SaveFooter';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { WorkspaceSettings } from '../api/types';
import { useWorkspaceSettings } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { TimeZoneField } from '../common/TimeZoneField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

type General = WorkspaceSettings['general'];

/** Settings → General: workspace name, time zone (for `$system.*` and reports), language and phone country. */
export function GeneralSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const settings = useWorkspaceSettings(slug);
  const [form, setForm] = useState<General | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data.general);
  }, [settings.data, form]);
  const save = useSettingsMutation(
    (general: General) => api.patch(`${workspacePath(slug)}/settings/general`, general),
    queryKeys.settings(slug),
    () => setSaved(true),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form) save.mutate({ ...form, defaultCountry: form.defaultCountry?.toUpperCase() || null });
  }

  return (
    <section className="card">
      <h2>{t('settings.general.title')}</h2>
      {settings.error && <ErrorNotice error={settings.error} />}
      {form && (
        <form className="form-grid" onSubmit={submit} onChange={() => setSaved(false)}>
          <TextField
            label={t('settings.general.name')}
            required
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.target.value })}
          />
          <TimeZoneField value={form.timezone} onChange={(timezone) => setForm({ ...form, timezone })} />
          <SelectField
            label={t('settings.general.language')}
            value={form.locale}
            onChange={(event) => setForm({ ...form, locale: event.target.value as General['locale'] })}
            options={(['es', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          />
          <TextField
            label={t('settings.general.defaultCountry')}
            hint={t('settings.general.defaultCountryHint')}
            maxLength={2}
            pattern="[A-Za-z]{2}"
            value={form.defaultCountry ?? ''}
            onChange={(event) => setForm({ ...form, defaultCountry: event.target.value })}
          />
          <SaveFooter error={save.error} saved={saved} pending={save.isPending} />
        </form>
      )}
    </section>
  );
}
