import { useQuery } from '@tanstack/react-query';
import type { Channel, ItemsResponse, Member, Snippet, Tag, Team, WorkspaceSettings } from './types';
import { api } from './client';
import { queryKeys } from './queryKeys';
import { workspacePath } from './workspacePath';

/** Lists shared by the inbox and settings; cached per workspace and refreshed when settings change them. */
const list =
  <T>(slug: string, path: string) =>
  () =>
    api.get<ItemsResponse<T>>(`${workspacePath(slug)}/${path}`);

export const useMembers = (slug: string) =>
  useQuery({ queryKey: queryKeys.members(slug), queryFn: list<Member>(slug, 'members'), staleTime: 60_000 });
export const useTeams = (slug: string) =>
  useQuery({ queryKey: queryKeys.teams(slug), queryFn: list<Team>(slug, 'teams'), staleTime: 60_000 });
export const useTags = (slug: string) =>
  useQuery({ queryKey: queryKeys.tags(slug), queryFn: list<Tag>(slug, 'tags'), staleTime: 60_000 });
/** `fresh`: read again on every mount (pages that act on the list: a channel another admin or the API just added shows). */
export const useChannels = (slug: string, opts: { fresh?: boolean } = {}) =>
  useQuery({
    queryKey: queryKeys.channels(slug),
    queryFn: list<Channel>(slug, 'channels'),
    staleTime: 60_000,
    ...(opts.fresh ? { refetchOnMount: 'always' as const } : {}),
  });
export const useSnippets = (slug: string) =>
  useQuery({ queryKey: queryKeys.snippets(slug), queryFn: list<Snippet>(slug, 'snippets'), staleTime: 60_000 });
export const useWorkspaceSettings = (slug: string) =>
  useQuery({
    queryKey: queryKeys.settings(slug),
    queryFn: () => api.get<WorkspaceSettings>(`${workspacePath(slug)}/settings`),
    staleTime: 60_000,
  });
