import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';

function ErrorFallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page-body-center" role="alert">
      <EmptyState title={t('errorBoundary.title')}>
        <p>{t('errorBoundary.body')}</p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onRetry}>
            {t('common.retry')}
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('errorBoundary.reload')}
          </button>
        </div>
      </EmptyState>
    </div>
  );
}

/**
 * Catches a view that crashes while rendering so that the rest of the app (navigation, other routes)
 * stays usable: the view is replaced by a translated "Something went wrong" with retry and reload.
 * Give it `key={pathname}` so moving to another page starts clean.
 */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // The console is where a developer or a bug report finds what broke; nothing is sent anywhere.
    console.error('View crashed', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <ErrorFallback onRetry={() => this.setState({ failed: false })} /> : this.props.children;
  }
}
