import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { InboxFilters } from './InboxFilters';
import { fetchConversations } from './messagesApi';
import { useInboxFilters } from './useInboxFilters';
import { VirtualConversationList } from './VirtualConversationList';

interface ConversationListProps {
  slug: string;
  selectedId: number | null;
}

/** The inbox column: views, filters and search on top, then every matching conversation (paged as it scrolls). */
export function ConversationList({ slug, selectedId }: ConversationListProps) {
  const { t } = useTranslation();
  const filters = useInboxFilters();
  const pages = useInfiniteQuery({
    queryKey: queryKeys.conversationList(slug, filters.query),
    queryFn: ({ pageParam }) => fetchConversations(slug, filters.query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const emptyKey = filters.query.search ? ('search' as const) : filters.status;

  return (
    <section className="inbox-list" aria-label={t('messages.listLabel')}>
      <header className="inbox-list-header">
        <h1>{t('nav.messages')}</h1>
        <InboxFilters slug={slug} filters={filters} />
      </header>
      {pages.error && <ErrorNotice error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.isPending && <p className="list-placeholder muted">{t('common.loading')}</p>}
      {pages.data && items.length === 0 && <p className="list-placeholder muted">{t(`messages.empty.${emptyKey}`)}</p>}
      {items.length > 0 && (
        <VirtualConversationList
          slug={slug}
          items={items}
          selectedId={selectedId}
          search={filters.search}
          hasMore={pages.hasNextPage}
          loadMore={() => {
            if (!pages.isFetchingNextPage) void pages.fetchNextPage();
          }}
        />
      )}
    </section>
  );
}
