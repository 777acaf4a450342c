import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, Message } from '../api/types';
import { CommentBubble } from './CommentBubble';
import { MessageBubble } from './MessageBubble';

function dayOf(iso: string): string {
  return new Date(iso).toDateString();
}

type Entry = { kind: 'message'; item: Message } | { kind: 'comment'; item: Comment };

interface MessageHistoryProps {
  messages: Message[] | undefined;
  comments: Comment[];
  /** Shown as the sender of the contact's messages. */
  contactName: string | null;
}

/**
 * The contact's messages and the agents' internal comments, oldest first, with a divider per day; keeps
 * the newest in view.
 */
export function MessageHistory({ messages, comments, contactName }: MessageHistoryProps) {
  const { t, i18n } = useTranslation();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const entries: Entry[] = [
    ...(messages ?? []).map((item) => ({ kind: 'message' as const, item })),
    ...comments.map((item) => ({ kind: 'comment' as const, item })),
  ].sort((a, b) => (a.item.createdAt < b.item.createdAt ? -1 : a.item.createdAt > b.item.createdAt ? 1 : 0));
  const last = entries.at(-1);
  const lastKey = last ? `${last.kind}-${last.item.id}` : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever a new entry arrives.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [lastKey]);

  if (!messages) return <div className="message-history muted">{t('common.loading')}</div>;

  return (
    <div className="message-history" ref={scrollerRef} role="log" aria-label={t('messages.historyLabel')}>
      {entries.length === 0 && <p className="list-placeholder muted">{t('messages.noMessagesYet')}</p>}
      {entries.map((entry, index) => {
        const previous = entries[index - 1];
        const newDay = !previous || dayOf(previous.item.createdAt) !== dayOf(entry.item.createdAt);
        return (
          <Fragment key={`${entry.kind}-${entry.item.id}`}>
            {newDay && (
              <div className="day-divider">
                <span>{new Date(entry.item.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'long' })}</span>
              </div>
            )}
            {entry.kind === 'message' ? (
              <MessageBubble message={entry.item} contactName={contactName} />
            ) : (
              <CommentBubble comment={entry.item} />
            )}
          </Fragment>
        );
      })}
    </div>
  );
}
