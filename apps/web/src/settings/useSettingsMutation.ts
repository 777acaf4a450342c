import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/** A settings change that refreshes the cached list it changed (which the inbox reads too). */
export function useSettingsMutation<V>(run: (value: V) => Promise<unknown>, refresh: QueryKey, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: refresh });
      onDone?.();
    },
  });
}
