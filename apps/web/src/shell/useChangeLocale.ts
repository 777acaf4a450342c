import type { Locale, MeResponse } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';

/** Stores the user's language on the server; the UI follows once the server has it (see RequireAuth). */
export function useChangeLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<MeResponse>('/me', { locale }),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}
