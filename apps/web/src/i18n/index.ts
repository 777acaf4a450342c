import type { Locale } from '@charla/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof es };
  }
}

export const locales: readonly Locale[] = ['es', 'en'];

/** Spanish for any `es-*` browser, English otherwise. */
export function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: browserLocale(),
  fallbackLng: 'en',
  supportedLngs: locales,
  interpolation: { escapeValue: false },
});

export { i18n };
