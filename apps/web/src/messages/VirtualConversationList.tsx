import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types';
import { ConversationListItem } from './ConversationListItem';

interface VirtualConversationListProps {
  slug: string;
  items: Conversation[];
  selectedId: number | null;
  search: string;
  hasMore: boolean;
  loadMore: () => void;
}

/** Rows near the end that trigger loading the next page. */
const PREFETCH_ROWS = 15;

/**
 * Renders only the rows on screen (10,000 open conversations scroll like 20). Arrow keys move between rows
 * (scrolling them into view first, since off-screen rows do not exist in the DOM); Enter opens one.
 */
export function VirtualConversationList({
  slug,
  items,
  selectedId,
  search,
  hasMore,
  loadMore,
}: VirtualConversationListProps) {
  const { t } = useTranslation();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => 84,
    overscan: 8,
    getItemKey: (index) => items[index]!.id,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && lastRendered >= items.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, lastRendered, items.length, loadMore]);

  function focusRow(index: number) {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The row may only now be rendered: focus it on the next frame.
    requestAnimationFrame(() => {
      scrollerRef.current?.querySelector<HTMLAnchorElement>(`[data-index="${index}"] a`)?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const current = Number(
      (document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ??
        items.findIndex((c) => c.id === selectedId),
    );
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? items.length - 1
          : Math.min(items.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
    event.preventDefault();
    focusRow(Number.isNaN(next) ? 0 : next);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move focus between the links inside
    <div className="conversation-list" ref={scrollerRef} onKeyDown={onKeyDown}>
      <ul
        className="conversation-list-inner"
        aria-label={t('messages.listLabel')}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {rows.map((row) => (
          <ConversationListItem
            key={row.key}
            ref={virtualizer.measureElement}
            index={row.index}
            total={hasMore ? -1 : items.length}
            top={row.start}
            slug={slug}
            conversation={items[row.index]!}
            selected={items[row.index]!.id === selectedId}
            search={search}
          />
        ))}
      </ul>
    </div>
  );
}
