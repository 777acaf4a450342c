import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../auth/useMe';
import { EmptyState } from '../common/EmptyState';
import { FullPageMessage } from '../common/FullPageMessage';
import { LogoutButton } from './LogoutButton';

/** `/` opens the inbox of the user's first workspace. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  const first = me.memberships[0];
  if (first) return <Navigate to={`/w/${first.workspace.slug}/messages`} replace />;
  return (
    <FullPageMessage>
      <EmptyState title={t('shell.noWorkspaces.title')}>
        <p>{t('shell.noWorkspaces.body')}</p>
        <LogoutButton />
      </EmptyState>
    </FullPageMessage>
  );
}
