import { CHAT_MENU_LIMITS, type LocalizedMenu, MENU_LOCALES } from '@charla/contracts/chat-menu';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../common/TextField';
import { ChatMenuItems, SmallButton } from './ChatMenuItems';

/**
 * Messenger's persistent menu for particular locales (`es_LA`, `en_US`…), each with its own items; people
 * whose Messenger is in another language see the default menu. Locales come from Meta's list (suggested)
 * and need a default menu first, as Meta does.
 */
export function LocalizedMenus({
  menus,
  disabled,
  onChange,
}: {
  menus: LocalizedMenu[];
  disabled: boolean;
  onChange: (next: LocalizedMenu[]) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const set = (i: number, change: Partial<LocalizedMenu>) =>
    onChange(menus.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const unused = MENU_LOCALES.find((l) => !menus.some((m) => m.locale === l)) ?? '';
  return (
    <fieldset>
      <legend>{t('settings.channels.chatMenu.locales')}</legend>
      <small className="field-hint">{t('settings.channels.chatMenu.localesHint')}</small>
      <datalist id={listId}>
        {MENU_LOCALES.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      {menus.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a locale being typed changes; its position does not
        <div className="chat-menu-locale" key={i}>
          <TextField
            label={t('settings.channels.chatMenu.locale')}
            value={m.locale}
            list={listId}
            required
            pattern="[a-z]{2}_[A-Z]{2}"
            placeholder="en_US"
            onChange={(e) => set(i, { locale: e.target.value.trim() })}
          />
          <ChatMenuItems items={m.items} onChange={(items) => set(i, { items })} />
          <SmallButton
            label={t('settings.channels.chatMenu.removeLocale', { locale: m.locale })}
            onClick={() => onChange(menus.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <SmallButton
        label={t('settings.channels.chatMenu.addLocale')}
        disabled={disabled || menus.length >= CHAT_MENU_LIMITS.localizedMenus}
        onClick={() => onChange([...menus, { locale: unused, items: [{ type: 'postback', title: '', payload: '' }] }])}
      />
    </fieldset>
  );
}
