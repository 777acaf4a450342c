import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { FullPageMessage } from '../common/FullPageMessage';
import { useMeQuery } from './useMe';

/** Renders its routes only for a signed-in user, in the user's stored language; otherwise sends them to login. */
export function RequireAuth() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const meQuery = useMeQuery();
  const storedLocale = meQuery.data?.user.locale;

  useEffect(() => {
    if (storedLocale && i18n.language !== storedLocale) void i18n.changeLanguage(storedLocale);
  }, [storedLocale, i18n]);

  if (meQuery.isPending) return <FullPageMessage>{t('common.loading')}</FullPageMessage>;
  if (meQuery.error) {
    if (meQuery.error instanceof ApiError && meQuery.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <FullPageMessage>
        <ErrorNotice error={meQuery.error} onRetry={() => void meQuery.refetch()} />
      </FullPageMessage>
    );
  }
  return <Outlet />;
}
