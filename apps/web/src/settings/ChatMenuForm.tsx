import { CHAT_MENU_LIMITS, type ChatMenu } from '@charla/contracts/chat-menu';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { ChatMenuItems, SmallButton } from './ChatMenuItems';
import { LocalizedMenus } from './LocalizedMenus';
import { fetchChatMenu, saveChatMenu } from './settingsApi';

/**
 * "Chat menus" of a Messenger or Instagram channel: the get-started button (Messenger), the persistent
 * menu (postback or link items; on Messenger also one per locale besides the default) and the ice
 * breakers. Saving pushes them to Meta; Meta's refusal shows with its reason and nothing is kept.
 */
export function ChatMenuForm({ slug, channelId }: { slug: string; channelId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {t('settings.channels.chatMenu.open')}
      </button>
    );
  return <ChatMenuEditor slug={slug} channelId={channelId} onClose={() => setOpen(false)} />;
}

function ChatMenuEditor({ slug, channelId, onClose }: { slug: string; channelId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = queryKeys.chatMenu(slug, channelId);
  const current = useQuery({ queryKey: key, queryFn: () => fetchChatMenu(slug, channelId) });
  const [draft, setDraft] = useState<ChatMenu | null>(null);
  const menu = draft ?? current.data?.menu ?? null;
  const save = useMutation({
    mutationFn: (next: ChatMenu) => saveChatMenu(slug, channelId, next),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setDraft(null);
    },
  });

  if (current.error) return <ErrorNotice error={current.error} onRetry={() => void current.refetch()} />;
  if (!menu || !current.data) return <p className="muted">{t('common.loading')}</p>;
  const edit = (change: Partial<ChatMenu>) => setDraft({ ...menu, ...change });
  const setBreaker = (i: number, change: Partial<ChatMenu['iceBreakers'][number]>) =>
    edit({ iceBreakers: menu.iceBreakers.map((x, j) => (j === i ? { ...x, ...change } : x)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(menu);
  };

  return (
    <form className="card chat-menu-form" onSubmit={submit} aria-label={t('settings.channels.chatMenu.title')}>
      <h3>{t('settings.channels.chatMenu.title')}</h3>
      {current.data.getStarted && (
        <fieldset>
          <legend>{t('settings.channels.chatMenu.getStarted')}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={menu.getStarted !== null}
              onChange={(e) => edit({ getStarted: e.target.checked ? { payload: 'GET_STARTED' } : null })}
            />
            {t('settings.channels.chatMenu.getStartedOn')}
          </label>
          <small className="field-hint">{t('settings.channels.chatMenu.getStartedHint')}</small>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('settings.channels.chatMenu.menu')}</legend>
        {current.data.locales && <small className="field-hint">{t('settings.channels.chatMenu.defaultHint')}</small>}
        <ChatMenuItems items={menu.persistentMenu} onChange={(persistentMenu) => edit({ persistentMenu })} />
      </fieldset>
      {current.data.locales && (
        <LocalizedMenus
          menus={menu.localizedMenus}
          disabled={menu.persistentMenu.length === 0}
          onChange={(localizedMenus) => edit({ localizedMenus })}
        />
      )}
      <fieldset>
        <legend>{t('settings.channels.chatMenu.iceBreakers')}</legend>
        {menu.iceBreakers.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id; their position is what Meta shows
          <div className="chat-menu-row" key={i}>
            <TextField
              label={t('settings.channels.chatMenu.question')}
              value={b.question}
              maxLength={CHAT_MENU_LIMITS.question}
              required
              onChange={(e) => setBreaker(i, { question: e.target.value })}
            />
            <TextField
              label={t('settings.channels.chatMenu.payload')}
              value={b.payload}
              maxLength={CHAT_MENU_LIMITS.payload}
              required
              onChange={(e) => setBreaker(i, { payload: e.target.value })}
            />
            <SmallButton
              label={t('settings.channels.chatMenu.remove')}
              onClick={() => edit({ iceBreakers: menu.iceBreakers.filter((_, j) => j !== i) })}
            />
          </div>
        ))}
        <SmallButton
          label={t('settings.channels.chatMenu.addQuestion', { max: CHAT_MENU_LIMITS.iceBreakers })}
          disabled={menu.iceBreakers.length >= CHAT_MENU_LIMITS.iceBreakers}
          onClick={() => edit({ iceBreakers: [...menu.iceBreakers, { question: '', payload: '' }] })}
        />
      </fieldset>
      {save.error && <ErrorNotice error={save.error} />}
      {save.isSuccess && !draft && (
        <p className="notice" role="status">
          {t('settings.channels.chatMenu.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('settings.channels.chatMenu.save')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('settings.channels.chatMenu.close')}
        </button>
      </div>
    </form>
  );
}
