import { useTranslation } from 'react-i18next';
import { SelectField } from './SelectField';

/** The workspace time zone picker (every IANA zone the browser knows, plus the current one if it does not). */
export function TimeZoneField({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const { t } = useTranslation();
  const zones = Intl.supportedValuesOf('timeZone');
  return (
    <SelectField
      label={t('settings.general.timezone')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      options={(zones.includes(value) ? zones : [value, ...zones]).map((z) => ({ value: z, label: z }))}
    />
  );
}
