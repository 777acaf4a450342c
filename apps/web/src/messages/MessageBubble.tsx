import { useTranslation } from 'react-i18next';
import type { Attachment, Message } from '../api/types';
import { formatDateTime, formatTime } from '../common/formatDate';
import { MessageStatus } from './MessageStatus';
import { PrivateReply } from './PrivateReply';

/** Links only to web or same-origin addresses: attachment URLs come from customers and providers. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function AttachmentLink({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const label = attachment.name ?? t('messages.attachment', { type: attachment.type });
  if (attachment.state === 'pending')
    return <span className="attachment attachment-pending">{t('messages.attachmentPending', { name: label })}</span>;
  if (attachment.state === 'failed')
    return (
      <span className="attachment attachment-failed" role="note">
        {t('messages.attachmentFailed', { name: label, reason: attachment.error ?? t('errors.unknown') })}
      </span>
    );
  const href = safeHref(attachment.url);
  if (!href) return <span className="attachment">{label}</span>;
  // Images stored in Files (same origin) show inline; a remote image URL stays a link, so opening a
  // conversation never makes the browser fetch from an address a customer chose.
  const inline = attachment.type === 'image' && new URL(href).origin === window.location.origin;
  return (
    <a
      className={inline ? 'attachment attachment-image' : 'attachment'}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
    >
      {inline ? <img src={href} alt={label} loading="lazy" /> : label}
    </a>
  );
}

const megabytes = (bytes: number, lang: string) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

/**
 * One message. The body is customer content and is rendered as text, never as HTML:
 * `Hola <b>no html</b>` shows the angle brackets.
 */
export function MessageBubble({ message, contactName }: { message: Message; contactName: string | null }) {
  const { t, i18n } = useTranslation();
  const outbound = message.direction === 'out';
  const sender =
    message.senderName ??
    (message.senderKind === 'contact' && contactName ? contactName : t(`messages.senderKinds.${message.senderKind}`));

  return (
    <article
      className={`message message-${message.direction} message-sender-${message.senderKind}`}
      data-message-id={message.id}
      data-status={message.status}
    >
      <div className="message-bubble">
        <div className="message-sender">{sender}</div>
        {message.comment && (
          <div className="message-comment-label">
            {message.comment.permalink && safeHref(message.comment.permalink) ? (
              <a href={safeHref(message.comment.permalink)} target="_blank" rel="noopener noreferrer">
                {t('messages.postComment.label')}
              </a>
            ) : (
              t('messages.postComment.label')
            )}
          </div>
        )}
        {message.subject && <div className="message-subject">{message.subject}</div>}
        {message.body && <p className="message-body">{message.body}</p>}
        {message.tooLarge && (
          <p className="message-too-large" role="note">
            {t('messages.tooLarge', {
              size: megabytes(message.tooLarge.size, i18n.language),
              limit: megabytes(message.tooLarge.limit, i18n.language),
            })}
          </p>
        )}
        {message.attachments.length > 0 && (
          <div className="message-attachments">
            {message.attachments.map((attachment, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: attachments have no id and keep their order
              <AttachmentLink key={i} attachment={attachment} />
            ))}
          </div>
        )}
        <footer className="message-meta">
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, i18n.language)}>
            {formatTime(message.createdAt, i18n.language)}
          </time>
          {message.channel && <span className="channel-chip channel-chip-small">{message.channel.name}</span>}
          {outbound && <MessageStatus message={message} />}
        </footer>
      </div>
      {message.comment && !outbound && <PrivateReply message={message} comment={message.comment} />}
      {outbound && message.status === 'failed' && (
        <p className="message-failure" role="note">
          {t('messages.failure', { reason: message.errorReason ?? message.errorCode ?? t('errors.unknown') })}
        </p>
      )}
    </article>
  );
}
