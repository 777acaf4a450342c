import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types';
import { MessageBubble } from './MessageBubble';

function dayOf(iso: string): string {
  return new Date(iso).toDateString();
}

interface MessageHistoryProps {
  messages: Message[] | undefined;
  /** Shown as the sender of the contact's messages. */
  contactName: string | null;
}

/** The messages of a conversation, oldest first, with a divider per day; keeps the newest in view. */
export function MessageHistory({ messages, contactName }: MessageHistoryProps) {
  const { t, i18n } = useTranslation();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const lastMessageId = messages?.at(-1)?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever a new message arrives.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [lastMessageId]);

  if (!messages) return <div className="message-history muted">{t('common.loading')}</div>;

  return (
    <div className="message-history" ref={scrollerRef} role="log" aria-label={t('messages.historyLabel')}>
      {messages.length === 0 && <p className="list-placeholder muted">{t('messages.noMessagesYet')}</p>}
      {messages.map((message, index) => {
        const previous = messages[index - 1];
        const newDay = !previous || dayOf(previous.createdAt) !== dayOf(message.createdAt);
        return (
          <Fragment key={message.id}>
            {newDay && (
              <div className="day-divider">
                <span>{new Date(message.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'long' })}</span>
              </div>
            )}
            <MessageBubble message={message} contactName={contactName} />
          </Fragment>
        );
      })}
    </div>
  );
}
