import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { PresenceStatus } from '../api/types';
import { workspacePath } from '../api/workspacePath';
import { applyPresence } from '../realtime/cacheUpdates';
import { fetchMembers } from '../settings/settingsApi';

/**
 * The user's activity status in a workspace, read from the member list (which realtime `presence`
 * events keep current). Opening the app while marked offline marks the user online.
 */
export function usePresence(slug: string, userId: number) {
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: queryKeys.members(slug), queryFn: () => fetchMembers(slug) });
  const status: PresenceStatus = members.data?.items.find((member) => member.userId === userId)?.presence ?? 'offline';
  const change = useMutation({
    mutationFn: (next: PresenceStatus) => api.put<void>(`${workspacePath(slug)}/presence`, { status: next }),
    onSuccess: (_nothing, next) => applyPresence(queryClient, slug, userId, next),
  });

  const wentOnlineIn = useRef<string | null>(null);
  const { mutate } = change;
  useEffect(() => {
    if (!members.data || status !== 'offline' || wentOnlineIn.current === slug) return;
    wentOnlineIn.current = slug;
    mutate('online');
  }, [members.data, status, slug, mutate]);

  return { status, change };
}
