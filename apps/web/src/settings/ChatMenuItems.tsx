import { CHAT_MENU_LIMITS, type ChatMenuItem } from '@charla/contracts/chat-menu';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

/**
 * The items of one persistent menu (the default one or a locale's): postback or link, up to Meta's 20.
 * Shared by every menu of the Chat menus form.
 */
export function ChatMenuItems({
  items,
  onChange,
}: {
  items: ChatMenuItem[];
  onChange: (next: ChatMenuItem[]) => void;
}) {
  const { t } = useTranslation();
  const setItem = (i: number, item: ChatMenuItem) => onChange(items.map((x, j) => (j === i ? item : x)));
  return (
    <>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items have no id; their position is what Meta shows
        <div className="chat-menu-row" key={i}>
          <SelectField
            label={t('settings.channels.chatMenu.itemType')}
            value={item.type}
            onChange={(e) =>
              setItem(
                i,
                e.target.value === 'web_url'
                  ? { type: 'web_url', title: item.title, url: 'https://' }
                  : { type: 'postback', title: item.title, payload: item.title || 'MENU' },
              )
            }
            options={[
              { value: 'postback', label: t('settings.channels.chatMenu.types.postback') },
              { value: 'web_url', label: t('settings.channels.chatMenu.types.web_url') },
            ]}
          />
          <TextField
            label={t('settings.channels.chatMenu.itemTitle')}
            value={item.title}
            maxLength={CHAT_MENU_LIMITS.menuTitle}
            required
            onChange={(e) => setItem(i, { ...item, title: e.target.value })}
          />
          {item.type === 'postback' ? (
            <TextField
              label={t('settings.channels.chatMenu.payload')}
              value={item.payload}
              maxLength={CHAT_MENU_LIMITS.payload}
              required
              onChange={(e) => setItem(i, { ...item, payload: e.target.value })}
            />
          ) : (
            <TextField
              label={t('settings.channels.chatMenu.url')}
              type="url"
              value={item.url}
              required
              onChange={(e) => setItem(i, { ...item, url: e.target.value })}
            />
          )}
          <SmallButton
            label={t('settings.channels.chatMenu.remove')}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <SmallButton
        label={t('settings.channels.chatMenu.addItem', { max: CHAT_MENU_LIMITS.menuItems })}
        disabled={items.length >= CHAT_MENU_LIMITS.menuItems}
        onClick={() => onChange([...items, { type: 'postback', title: '', payload: '' }])}
      />
    </>
  );
}

export function SmallButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="button button-small" disabled={disabled} onClick={onClick}>
      {label}
    </button>
  );
}
