import type { Locale } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { locales } from '../i18n';

interface LanguageSwitchProps {
  value: string;
  onChange: (locale: Locale) => void;
  disabled?: boolean;
}

/** Two toggle buttons, each language named in itself ("Español", "English"). */
export function LanguageSwitch({ value, onChange, disabled }: LanguageSwitchProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented" aria-label={t('shell.language')}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="segmented-option"
          aria-pressed={value === locale}
          disabled={disabled}
          onClick={() => onChange(locale)}
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </fieldset>
  );
}
