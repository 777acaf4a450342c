import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { ConversationView } from '../api/types';
import { useChannels, useTags, useTeams } from '../api/useWorkspaceData';
import { SelectField } from '../common/SelectField';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { useMe } from '../auth/useMe';
import { useMembership } from '../shell/useWorkspace';
import { fetchUnreadCounts } from './messagesApi';
import type { useInboxFilters } from './useInboxFilters';

const baseViews: readonly ConversationView[] = ['mine', 'unassigned', 'all'];

interface InboxFiltersProps {
  slug: string;
  filters: ReturnType<typeof useInboxFilters>;
}

/** Views with their unread counts, the team views the user may open, status, channel, tag and search. */
export function InboxFilters({ slug, filters }: InboxFiltersProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { role } = useMembership();
  const counts = useQuery({ queryKey: queryKeys.unreadCounts(slug), queryFn: () => fetchUnreadCounts(slug) });
  const teams = useTeams(slug).data?.items ?? [];
  const channels = useChannels(slug).data?.items ?? [];
  const tags = useTags(slug).data?.items ?? [];
  // Agents get the views of their own teams; managers and owners every team's.
  const myTeams = role === 'agent' ? teams.filter((team) => team.memberIds.includes(me.user.id)) : teams;
  const [typed, setTyped] = useState(filters.query.search ?? '');
  const search = useDebouncedValue(typed, 300);
  const { update } = filters;
  const current = filters.query.search ?? '';
  // Only a changed search touches the URL (each update re-renders with a new `update`).
  useEffect(() => {
    if (search.trim() !== current) update({ search: search.trim() });
  }, [search, current, update]);

  const unreadOf = (view: ConversationView, teamId?: number) =>
    view === 'team'
      ? (counts.data?.teams.find((team) => team.teamId === teamId)?.unread ?? 0)
      : (counts.data?.[view as 'mine' | 'unassigned' | 'all'] ?? 0);

  return (
    <div className="inbox-filters">
      <fieldset className="tabs" aria-label={t('messages.viewLabel')}>
        {baseViews.map((view) => (
          <button
            key={view}
            type="button"
            className="tab"
            aria-pressed={filters.view === view}
            onClick={() => update({ view, teamId: null })}
          >
            {t(`messages.views.${view}`)} <UnreadCount n={unreadOf(view)} />
          </button>
        ))}
        {myTeams.map((team) => (
          <button
            key={team.id}
            type="button"
            className="tab"
            aria-pressed={filters.view === 'team' && filters.teamId === team.id}
            onClick={() => update({ view: 'team', teamId: team.id })}
          >
            {team.name} <UnreadCount n={unreadOf('team', team.id)} />
          </button>
        ))}
      </fieldset>
      <div className="inbox-search">
        <label htmlFor="inbox-search" className="visually-hidden">
          {t('messages.search')}
        </label>
        <input
          id="inbox-search"
          type="search"
          placeholder={t('messages.searchPlaceholder')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      <div className="inbox-filter-row">
        <SelectField
          hideLabel
          className="select-compact"
          label={t('messages.statusLabel')}
          value={filters.status}
          onChange={(event) => update({ status: event.target.value as 'open' | 'closed' })}
          options={filters.statuses.map((status) => ({ value: status, label: t(`messages.statuses.${status}`) }))}
        />
        <SelectField
          hideLabel
          className="select-compact"
          label={t('messages.channelFilter')}
          value={String(filters.channelId ?? '')}
          onChange={(event) => update({ channelId: event.target.value ? Number(event.target.value) : null })}
          options={[
            { value: '', label: t('messages.allChannels') },
            ...channels.map((channel) => ({ value: String(channel.id), label: channel.name })),
          ]}
        />
        <SelectField
          hideLabel
          className="select-compact"
          label={t('messages.tagFilter')}
          value={String(filters.tagId ?? '')}
          onChange={(event) => update({ tagId: event.target.value ? Number(event.target.value) : null })}
          options={[
            { value: '', label: t('messages.allTags') },
            ...tags.map((tag) => ({ value: String(tag.id), label: tag.name })),
          ]}
        />
      </div>
    </div>
  );
}

/** The number of conversations with unread messages in a view, read out in full by screen readers. */
function UnreadCount({ n }: { n: number }) {
  const { t } = useTranslation();
  if (n === 0) return null;
  return (
    <span className="tab-count">
      <span aria-hidden="true">{n}</span>
      <span className="visually-hidden">{t('messages.unreadConversations', { count: n })}</span>
    </span>
  );
}
