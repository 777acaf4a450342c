import type { Interactive } from '@charla/contracts/interactive';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendAgentTyping } from '../realtime/typing';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, MessageTag, UploadedFile } from '../api/types';
import { useMembers, useSnippets } from '../api/useWorkspaceData';
import { ErrorNotice } from '../common/ErrorNotice';
import { applyCommentCreated, applyMessageCreated } from '../realtime/cacheUpdates';
import { AttachmentPicker } from './AttachmentPicker';
import { ComposerSuggestions } from './ComposerSuggestions';
import { EmojiButton } from './EmojiButton';
import { InteractiveEditor, interactiveValid } from './InteractiveEditor';
import { createComment, fetchReplyChannels, sendReply } from './messagesApi';
import { ReplyChannelPicker } from './ReplyChannelPicker';
import { MessageTagPicker } from './MessageTagPicker';
import { type TemplateChoice, TemplatePicker, templateChoiceComplete, templateInput } from './TemplatePicker';
import { useComposerSuggestions } from './useComposerSuggestions';
import { VariablePreview } from './VariablePreview';

type Mode = 'reply' | 'note';

/**
 * The reply box. "Reply" sends to the contact on the chosen channel (`/shortcut` inserts a snippet, `$variables`
 * are previewed); "Internal note" posts a comment for the team (`@name` mentions a member).
 * Enter sends, Shift+Enter starts a new line.
 */
export function Composer({ slug, conversation }: { slug: string; conversation: Conversation }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [mentions, setMentions] = useState<{ id: number; name: string }[]>([]);
  const [channelId, setChannelId] = useState<number | null>(null);
  const channels = useQuery({
    queryKey: queryKeys.replyChannels(slug, conversation.id),
    queryFn: () => fetchReplyChannels(slug, conversation.id),
  });
  const snippets = useSnippets(slug).data?.items ?? [];
  const members = useMembers(slug).data?.items ?? [];
  const suggest = useComposerSuggestions(mode, text, caret, snippets, members);
  const chosenChannel = channelId ?? channels.data?.defaultChannelId ?? null;
  const [template, setTemplate] = useState<TemplateChoice | null>(null);
  // WhatsApp outside its window takes only approved templates (the server refuses text with window_closed).
  const replyChannel = channels.data?.items.find((c) => c.id === chosenChannel);
  const needsTemplate =
    mode === 'reply' && replyChannel !== undefined && !replyChannel.windowOpen && replyChannel.templates;
  // Messenger outside its window takes a reply tagged with what it is about (message_tag_required otherwise).
  const [messageTag, setMessageTag] = useState<MessageTag | null>(null);
  const tags = replyChannel && !replyChannel.windowOpen && mode === 'reply' ? (replyChannel.messageTags ?? []) : [];
  const needsTag = tags.length > 0;
  const chosenTag = messageTag && tags.includes(messageTag) ? messageTag : null;
  // Reply buttons or a list: only inside the window, with text and without files (the server says the same).
  const [interactive, setInteractive] = useState<Interactive | null>(null);
  const canAddOptions = mode === 'reply' && replyChannel !== undefined && replyChannel.windowOpen && files.length === 0;
  const options = canAddOptions ? interactive : null;

  const reset = () => {
    setText('');
    setFiles([]);
    setMentions([]);
    setTemplate(null);
    setMessageTag(null);
    setInteractive(null);
  };
  const send = useMutation({
    mutationFn: () =>
      mode === 'reply'
        ? sendReply(
            slug,
            conversation.id,
            needsTemplate && template
              ? { template: templateInput(template), channelId: chosenChannel ?? undefined }
              : {
                  text: text.trim() || undefined,
                  channelId: chosenChannel ?? undefined,
                  fileIds: files.map((f) => f.id),
                  ...(needsTag && chosenTag ? { messageTag: chosenTag } : {}),
                  ...(options ? { interactive: options } : {}),
                },
          ).then((message) => applyMessageCreated(queryClient, slug, message))
        : createComment(
            slug,
            conversation.id,
            text,
            // Only mentions still present in the text count.
            mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id),
          ).then((comment) => applyCommentCreated(queryClient, slug, conversation.id, comment)),
    onSuccess: reset,
  });
  const canSend =
    (needsTemplate
      ? templateChoiceComplete(template)
      : (text.trim().length > 0 || (mode === 'reply' && files.length > 0)) &&
        (!needsTag || chosenTag !== null) &&
        (!options || (text.trim().length > 0 && interactiveValid(options)))) && !send.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (canSend) send.mutate();
  }

  function choose(index = suggest.activeIndex) {
    const s = suggest.suggestions[index];
    if (!s) return;
    const next = suggest.choose(s);
    if (s.kind === 'member') setMentions((list) => [...list, { id: s.member.userId, name: s.member.name }]);
    setText(next.text);
    setCaret(next.caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggest.open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        suggest.move(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose();
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        suggest.dismiss();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  /** Puts an emoji where the caret is (replacing a selection) and puts the caret after it. */
  function insertAtCaret(insert: string) {
    const input = inputRef.current;
    const start = input?.selectionStart ?? text.length;
    const end = input?.selectionEnd ?? start;
    const next = start + insert.length;
    setText(text.slice(0, start) + insert + text.slice(end));
    setCaret(next);
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(next, next);
    });
  }

  const listId = `${id}-suggestions`;
  return (
    <form className={mode === 'note' ? 'composer composer-note' : 'composer'} onSubmit={submit}>
      {send.error && <ErrorNotice error={send.error} />}
      <fieldset className="composer-modes tabs" aria-label={t('messages.composer.modeLabel')}>
        {(['reply', 'note'] as const).map((m) => (
          <button key={m} type="button" className="tab" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(`messages.composer.modes.${m}`)}
          </button>
        ))}
      </fieldset>
      {mode === 'reply' && conversation.contact.blocked && (
        <p className="notice notice-warning">{t('messages.composer.blocked')}</p>
      )}
      <ComposerSuggestions
        id={listId}
        label={mode === 'reply' ? t('messages.composer.snippets') : t('messages.composer.mentions')}
        suggestions={suggest.suggestions}
        activeIndex={suggest.activeIndex}
        onChoose={(s) => choose(suggest.suggestions.indexOf(s))}
      />
      {needsTemplate && chosenChannel !== null && (
        <TemplatePicker slug={slug} channelId={chosenChannel} value={template} onChange={setTemplate} />
      )}
      {needsTag && <MessageTagPicker tags={tags} value={chosenTag} onChange={setMessageTag} />}
      <label htmlFor={id} className="visually-hidden">
        {mode === 'reply' ? t('messages.composer.label') : t('messages.composer.noteLabel')}
      </label>
      <textarea
        ref={inputRef}
        id={id}
        hidden={needsTemplate}
        className="composer-input"
        rows={2}
        placeholder={mode === 'reply' ? t('messages.composer.placeholder') : t('messages.composer.notePlaceholder')}
        value={text}
        role="combobox"
        aria-expanded={suggest.open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={suggest.open ? `${listId}-${suggest.activeIndex}` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setCaret(event.target.selectionStart);
          if (mode === 'reply' && conversation.lastChannel?.type === 'webchat') {
            sendAgentTyping(conversation.id, event.target.value !== '');
          }
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {mode === 'reply' && !needsTemplate && <VariablePreview text={text} conversation={conversation} />}
      {canAddOptions && <InteractiveEditor value={interactive} onChange={setInteractive} />}
      {options && !interactiveValid(options) && (
        <p className="muted field-hint">{t('messages.composer.interactive.invalid')}</p>
      )}
      <div className="composer-footer">
        {!needsTemplate && <EmojiButton onPick={insertAtCaret} />}
        {mode === 'reply' ? (
          <>
            {replyChannel?.subject && (
              <span className="composer-subject muted" data-testid="composer-subject">
                {t('messages.emailSubject', { subject: replyChannel.subject })}
              </span>
            )}
            <ReplyChannelPicker
              channels={channels.data}
              value={chosenChannel}
              onChange={(next) => {
                setChannelId(next);
                setTemplate(null); // a template belongs to one channel
              }}
            />
            {!needsTemplate && <AttachmentPicker slug={slug} files={files} onChange={setFiles} />}
          </>
        ) : (
          <span className="muted composer-hint">{t('messages.composer.noteHint')}</span>
        )}
        <button type="submit" className="button button-primary" disabled={!canSend}>
          {send.isPending
            ? t('messages.composer.sending')
            : mode === 'reply'
              ? t('messages.composer.send')
              : t('messages.composer.addNote')}
        </button>
      </div>
    </form>
  );
}
