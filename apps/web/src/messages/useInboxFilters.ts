import { useSearchParams } from 'react-router';
import type { ConversationStatus, ConversationView } from '../api/types';

const views: readonly ConversationView[] = ['mine', 'unassigned', 'all', 'team'];
const statuses: readonly ConversationStatus[] = ['open', 'closed'];

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

const idParam = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/** What the list asks the API for; also its cache key. */
export interface InboxQuery {
  view: ConversationView;
  teamId?: number;
  status: ConversationStatus;
  channelId?: number;
  tagId?: number;
  search?: string;
}

export type InboxChange = Partial<{ [K in keyof InboxQuery]: InboxQuery[K] | null }>;

/**
 * The inbox view and filters, kept in the URL (`?view=team&teamId=3&status=open&q=ana`) so links and
 * reloads keep them.
 */
export function useInboxFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const teamId = idParam(searchParams.get('teamId'));
  const view = pick(views, searchParams.get('view'), 'all');
  const query: InboxQuery = {
    view: view === 'team' && !teamId ? 'all' : view,
    teamId: view === 'team' ? teamId : undefined,
    status: pick(statuses, searchParams.get('status'), 'open'),
    channelId: idParam(searchParams.get('channelId')),
    tagId: idParam(searchParams.get('tagId')),
    search: searchParams.get('q')?.trim() || undefined,
  };

  function update(change: InboxChange) {
    const next = new URLSearchParams(searchParams);
    const names: Record<keyof InboxQuery, string> = {
      view: 'view',
      teamId: 'teamId',
      status: 'status',
      channelId: 'channelId',
      tagId: 'tagId',
      search: 'q',
    };
    for (const [key, value] of Object.entries(change) as [keyof InboxQuery, unknown][]) {
      if (value === null || value === undefined || value === '') next.delete(names[key]);
      else next.set(names[key], String(value));
    }
    setSearchParams(next, { replace: true });
  }

  return { ...query, query, statuses, update, search: searchParams.toString() };
}
