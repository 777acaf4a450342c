import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { Message, MessageComment } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/formatDate';
import { applyMessageCreated } from '../realtime/cacheUpdates';
import { useMembership } from '../shell/useWorkspace';
import { sendReply } from './messagesApi';

/**
 * Under a customer's comment on a post: the one private reply Meta allows, within 7 days. Says why when
 * it is no longer possible (already answered, too old), and why the last one failed when Meta refused it
 * (the comment can then be answered again).
 */
export function PrivateReply({ message, comment }: { message: Message; comment: MessageComment }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const slug = useMembership().workspace.slug;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => sendReply(slug, message.conversationId, { text: text.trim(), privateReplyTo: message.id }),
    onSuccess: (sent) => {
      applyMessageCreated(queryClient, slug, sent);
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages(slug, message.conversationId) });
      setOpen(false);
      setText('');
    },
  });
  const until = formatDateTime(comment.privateReplyUntil, i18n.language);

  if (comment.privateReplyMessageId !== null)
    return <p className="muted field-hint">{t('messages.postComment.replied')}</p>;
  // Plain text: the reason is Meta's words about customer-facing content, never markup.
  const failure = comment.privateReplyFailure && (
    <p className="notice notice-error" role="status">
      {t('messages.postComment.failed', { reason: comment.privateReplyFailure.reason })}
    </p>
  );
  if (new Date(comment.privateReplyUntil) <= new Date())
    return (
      <>
        {failure}
        <p className="muted field-hint">{t('messages.postComment.expired', { until })}</p>
      </>
    );
  if (!open)
    return (
      <>
        {failure}
        <button type="button" className="button button-small" onClick={() => setOpen(true)}>
          {t('messages.postComment.replyPrivately')}
        </button>
      </>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) send.mutate();
  };
  return (
    <form className="private-reply" onSubmit={submit}>
      <label htmlFor={id}>{t('messages.postComment.replyLabel')}</label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <small className="field-hint">{t('messages.postComment.rule', { until })}</small>
      {send.error && <ErrorNotice error={send.error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-small" disabled={!text.trim() || send.isPending}>
          {t('messages.postComment.send')}
        </button>
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          {t('messages.postComment.cancel')}
        </button>
      </div>
    </form>
  );
}
