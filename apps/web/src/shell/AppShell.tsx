import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { EmptyState } from '../common/EmptyState';
import { FullPageMessage } from '../common/FullPageMessage';
import { RouteErrorBoundary } from '../common/RouteErrorBoundary';
import { useAlerts } from '../alerts/useAlerts';
import { useRealtime } from '../realtime/useRealtime';
import { MainNav } from './MainNav';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';
import { useWorkspace } from './useWorkspace';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The signed-in frame: brand, workspace, navigation and user menu around the current module. */
export function AppShell() {
  const { t } = useTranslation();
  const { slug, membership } = useWorkspace();
  const { pathname } = useLocation();
  const alerts = useAlerts(slug);
  const realtime = useRealtime(membership ? slug : null, alerts);

  if (!membership) {
    return (
      <FullPageMessage>
        <EmptyState title={t('shell.workspaceNotFound.title')}>
          <p>{t('shell.workspaceNotFound.body')}</p>
          <Link className="button button-primary" to="/">
            {t('notFound.home')}
          </Link>
        </EmptyState>
      </FullPageMessage>
    );
  }

  return (
    <div className="app-shell">
      <aside className="sidebar">
        <div className="sidebar-brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <WorkspaceSwitcher slug={slug} />
        </div>
        <MainNav slug={slug} role={membership.role} />
        <NotificationBell slug={slug} />
        <UserMenu slug={slug} />
      </aside>
      <main className="app-main" data-realtime={realtime}>
        {realtime === 'offline' && (
          <div className="realtime-banner" role="status">
            {t('shell.realtimeOffline')}
          </div>
        )}
        <Suspense fallback={<p className="list-placeholder muted">{t('common.loading')}</p>}>
          <RouteErrorBoundary key={pathname}>
            <Outlet />
          </RouteErrorBoundary>
        </Suspense>
      </main>
    </div>
  );
}
