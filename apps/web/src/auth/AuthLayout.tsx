import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../common/LanguageSwitch';

interface AuthLayoutProps {
  title: string;
  children: ReactNode;
}

/** The centered card shared by login, password and invitation screens, with a local language switch. */
export function AuthLayout({ title, children }: AuthLayoutProps) {
  const { t, i18n } = useTranslation();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {children}
      </div>
      <LanguageSwitch value={i18n.language} onChange={(locale) => void i18n.changeLanguage(locale)} />
    </main>
  );
}
