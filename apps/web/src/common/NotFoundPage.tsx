import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FullPageMessage } from './FullPageMessage';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <FullPageMessage>
      <div className="empty-state">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <Link className="button button-primary" to="/">
          {t('notFound.home')}
        </Link>
      </div>
    </FullPageMessage>
  );
}
