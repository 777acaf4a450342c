import type { MeResponse } from '@charla/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';

/** The signed-in user and their workspaces; fails with a 401 ApiError when nobody is signed in. */
export function useMeQuery() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: () => api.get<MeResponse>('/me'),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only for components rendered inside {@link RequireAuth}. */
export function useMe(): MeResponse {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside <RequireAuth>');
  return data;
}
