import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

/**
 * Refetches everything shown about contacts in a workspace after a change: a merge or split touches two
 * contacts, suggestions and lists at once, so the whole workspace's contact caches are marked stale.
 */
export function useContactInvalidation(slug: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all(
        ['contact', 'contacts', 'suggestions', 'conversations'].map((part) =>
          queryClient.invalidateQueries({ queryKey: ['w', slug, part] }),
        ),
      ),
    [queryClient, slug],
  );
}
