import type { MeResponse } from '@charla/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { resetCsrfToken } from '../api/client';
import { queryKeys } from '../api/queryKeys';

/** Returns what to do once the server has opened a session: cache the user, renew CSRF, go to `next` or the inbox. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    (me: MeResponse, next?: string | null) => {
      resetCsrfToken();
      queryClient.setQueryData(queryKeys.me, me);
      navigate(isSafeNextPath(next) ? next : '/', { replace: true });
    },
    [queryClient, navigate],
  );
}

/** Only same-app paths: never `//evil.example` or absolute URLs. */
function isSafeNextPath(next: string | null | undefined): next is string {
  return !!next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
}
