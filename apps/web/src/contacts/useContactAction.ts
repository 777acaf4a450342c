import { useCallback, useState } from 'react';
import { useContactInvalidation } from './useContactInvalidation';

/**
 * Runs a change (tag, dismiss, split, setting…), then refreshes the workspace's contact caches; the
 * error, if any, is kept for an ErrorNotice next to the control that caused it.
 */
export function useContactAction(slug: string, afterwards?: () => Promise<unknown>) {
  const invalidate = useContactInvalidation(slug);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setError(null);
      try {
        await action();
        await Promise.all([invalidate(), afterwards?.()]);
      } catch (caught) {
        setError(caught);
      }
    },
    [invalidate, afterwards],
  );
  return { run, error };
}
