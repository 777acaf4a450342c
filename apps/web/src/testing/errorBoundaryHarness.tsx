// Not part of the app (nothing imports it): e2e/error-boundary.e2e.test.ts bundles it to mount
// RouteErrorBoundary around a child that throws, in real Chromium, with the app's translations.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouteErrorBoundary } from '../common/RouteErrorBoundary';
import '../i18n';

const control = window as unknown as { harnessFails: boolean };
control.harnessFails = true;

function Flaky() {
  if (control.harnessFails) throw new Error('the view broke');
  return <p>The view is back</p>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <nav>The rest of the app</nav>
    <RouteErrorBoundary>
      <Flaky />
    </RouteErrorBoundary>
  </StrictMode>,
);
