import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { RouteErrorBoundary } from '../common/RouteErrorBoundary';
import { useMembership } from '../shell/useWorkspace';

/** Settings tabs; workspace-wide ones hide from managers the owner restricted, API tokens, Google Sheets and the AI assistant from agents and managers restricted from integrations; the outbox is the owner's only. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const membership = useMembership();
  const { pathname } = useLocation();
  const slug = membership.workspace.slug;
  const restricted = membership.restrictions.includes('workspace_settings');
  const manages = membership.role !== 'agent';
  const integrates = manages && !membership.restrictions.includes('integrations');
  const tabs = [
    ...(restricted ? [] : (['general', 'closing-notes', 'business-hours'] as const)),
    'channels',
    'users',
    'teams',
    'snippets',
    'tags',
    'files',
    'knowledge',
    ...(manages ? (['contact-fields'] as const) : []),
    ...(integrates ? (['api-tokens', 'webhooks', 'google-sheets', 'ai'] as const) : []),
    ...(membership.role === 'owner' ? (['outbox'] as const) : []),
  ] as const;

  return (
    <div className="page">
      <header className="page-header page-header-tabs">
        <h1>{t('nav.settings')}</h1>
        <nav className="tabs" aria-label={t('settings.tabsLabel')}>
          {tabs.map((tab) => (
            <NavLink key={tab} to={`/w/${slug}/settings/${tab}`} className="tab">
              {t(`settings.tabs.${tab}`)}
            </NavLink>
          ))}
        </nav>
      </header>
      <div className="page-body">
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <RouteErrorBoundary key={pathname}>
            <Outlet />
          </RouteErrorBoundary>
        </Suspense>
      </div>
    </div>
  );
}
