import { useTranslation } from 'react-i18next';
import { EmptyState } from '../common/EmptyState';

type UpcomingModule = 'dashboard' | 'reports';

/** The honest page of a module that is not built yet: its name, what it will do, and no made-up data. */
export function ComingSoonPage({ module }: { module: UpcomingModule }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t(`nav.${module}`)}</h1>
      </header>
      <div className="page-body page-body-center">
        <EmptyState title={t('comingSoon.title')}>
          <p>{t(`comingSoon.${module}`)}</p>
          <p className="muted">{t('comingSoon.noData')}</p>
        </EmptyState>
      </div>
    </div>
  );
}
