import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Conversation } from '../api/types';
import { formatListTime } from '../common/formatDate';

interface ConversationListItemProps {
  ref: Ref<HTMLLIElement>;
  /** Position in the whole list (the virtual list renders only some rows). */
  index: number;
  /** How many rows there are, or -1 while more pages may follow. */
  total: number;
  /** Offset from the top of the list, in pixels. */
  top: number;
  slug: string;
  conversation: Conversation;
  selected: boolean;
  /** The inbox filters' query string, kept when opening the conversation. */
  search: string;
}

/** One row: contact, plain-text preview of the last message, its time, the channel, assignee and unread count. */
export function ConversationListItem({
  ref,
  index,
  total,
  top,
  slug,
  conversation,
  selected,
  search,
}: ConversationListItemProps) {
  const { t, i18n } = useTranslation();
  const { lastMessage, lastChannel, unreadCount } = conversation;
  const preview = lastMessage?.body?.replace(/\s+/g, ' ').trim() || t('messages.attachmentOnly');
  const time = lastMessage?.createdAt ?? conversation.openedAt;
  const assignee = conversation.assignee?.name ?? conversation.assigneeTeam?.name;

  return (
    <li
      ref={ref}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={total}
      className="conversation-list-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      <Link
        to={{ pathname: `/w/${slug}/messages/${conversation.id}`, search }}
        className={selected ? 'conversation-row conversation-row-selected' : 'conversation-row'}
        aria-current={selected ? 'page' : undefined}
      >
        <div className="conversation-row-top">
          <span className={unreadCount > 0 ? 'conversation-contact unread' : 'conversation-contact'}>
            {conversation.contact.name}
          </span>
          <time className="conversation-time" dateTime={time}>
            {formatListTime(time, i18n.language)}
          </time>
        </div>
        <div className="conversation-row-preview">
          <span className="conversation-preview">
            {lastMessage ? (
              <>
                {lastMessage.direction === 'out' && <span className="muted">{t('messages.youPrefix')} </span>}
                {preview}
              </>
            ) : (
              <span className="muted">{t('messages.noMessagesYet')}</span>
            )}
          </span>
          {unreadCount > 0 && (
            <span className="badge">
              <span aria-hidden="true">{unreadCount}</span>
              <span className="visually-hidden">{t('messages.unread', { count: unreadCount })}</span>
            </span>
          )}
        </div>
        <div className="conversation-row-meta">
          {lastChannel && <span className="channel-chip">{lastChannel.name}</span>}
          <span className="muted">
            {assignee ? t('messages.assignedTo', { name: assignee }) : t('messages.unassigned')}
          </span>
        </div>
      </Link>
    </li>
  );
}
