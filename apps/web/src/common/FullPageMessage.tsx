import type { ReactNode } from 'react';

/** A centered message filling the viewport, for loading and fatal states. */
export function FullPageMessage({ children }: { children: ReactNode }) {
  return <div className="full-page-message">{children}</div>;
}
