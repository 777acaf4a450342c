import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { applyMessageCreated } from '../realtime/cacheUpdates';
import { sendReply } from './messagesApi';

interface ComposerProps {
  slug: string;
  conversationId: number;
  /** The channel the reply goes out on by default (the contact's last one), when known. */
  channelName: string | null;
}

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ slug, conversationId, channelName }: ComposerProps) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: (reply: string) => sendReply(slug, conversationId, reply),
    onSuccess: (message) => {
      applyMessageCreated(queryClient, slug, message);
      setText('');
    },
  });
  const canSend = text.trim().length > 0 && !send.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (canSend) send.mutate(text);
  }

  function sendOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      {send.error && <ErrorNotice error={send.error} />}
      <label htmlFor={id} className="visually-hidden">
        {t('messages.composer.label')}
      </label>
      <textarea
        id={id}
        className="composer-input"
        rows={2}
        placeholder={t('messages.composer.placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={sendOnEnter}
      />
      <div className="composer-footer">
        <span className="muted composer-hint">
          {channelName ? t('messages.composer.via', { channel: channelName }) : t('messages.composer.hint')}
        </span>
        <button type="submit" className="button button-primary" disabled={!canSend}>
          {send.isPending ? t('messages.composer.sending') : t('messages.composer.send')}
        </button>
      </div>
    </form>
  );
}
