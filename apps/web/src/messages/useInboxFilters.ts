import { useSearchParams } from 'react-router';
import type { ConversationStatus, ConversationView } from '../api/types';

const views: readonly ConversationView[] = ['mine', 'unassigned', 'all'];
const statuses: readonly ConversationStatus[] = ['open', 'closed'];

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** The inbox view and status, kept in the URL (`?view=mine&status=open`) so links and reloads keep them. */
export function useInboxFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = pick(views, searchParams.get('view'), 'all');
  const status = pick(statuses, searchParams.get('status'), 'open');

  function update(change: { view?: ConversationView; status?: ConversationStatus }) {
    const next = new URLSearchParams(searchParams);
    if (change.view) next.set('view', change.view);
    if (change.status) next.set('status', change.status);
    setSearchParams(next, { replace: true });
  }

  return { view, status, views, statuses, update, search: searchParams.toString() };
}
