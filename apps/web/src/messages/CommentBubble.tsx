import { useTranslation } from 'react-i18next';
import type { Comment } from '../api/types';
import { formatDateTime, formatTime } from '../common/formatDate';

/** An internal note between agents: marked as such, never sent to the contact, rendered as plain text. */
export function CommentBubble({ comment }: { comment: Comment }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="comment" data-comment-id={comment.id} aria-label={t('messages.comment.label')}>
      <div className="comment-bubble">
        <div className="comment-header">
          <span className="comment-tag">{t('messages.comment.tag')}</span>
          <span className="message-sender">{comment.author?.name ?? t('messages.comment.removedUser')}</span>
        </div>
        <p className="message-body">{comment.body}</p>
        <footer className="message-meta">
          <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt, i18n.language)}>
            {formatTime(comment.createdAt, i18n.language)}
          </time>
          {comment.mentions.length > 0 && (
            <span>· {t('messages.comment.mentioned', { names: comment.mentions.map((m) => m.name).join(', ') })}</span>
          )}
        </footer>
      </div>
    </article>
  );
}
