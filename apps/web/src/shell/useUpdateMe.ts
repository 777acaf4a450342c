import type { MeResponse, UpdateMeRequest } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';

/**
 * Saves the user's own settings (language, notification preferences) on the server; the UI follows once
 * the server has them (see RequireAuth for the language).
 */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UpdateMeRequest) => api.patch<MeResponse>('/me', change),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}
