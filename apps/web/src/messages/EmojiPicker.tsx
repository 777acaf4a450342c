import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Rows of eight, so that ↑ and ↓ (± one row in the flat order) land right below or above across groups. */
const COLUMNS = 8;
const groups = [
  {
    key: 'smileys',
    emoji: ['😀', '😃', '😄', '😁', '😅', '😂', '🙂', '😉', '😊', '😍', '😘', '😎', '🤔', '😐', '😢', '😮'],
  },
  { key: 'gestures', emoji: ['👍', '👎', '👌', '👏', '🙌', '🙏', '👋', '🤝'] },
  {
    key: 'symbols',
    emoji: ['❤️', '💛', '💚', '💙', '💜', '💔', '💯', '✨', '🔥', '🎉', '✅', '❌', '⚠️', '❓', '⭐', '👀'],
  },
  {
    key: 'objects',
    emoji: ['📦', '🚚', '🛒', '💳', '💰', '🧾', '📅', '⏰', '📞', '📧', '📍', '🏠', '🎁', '☕', '🍕', '🌮'],
  },
] as const;

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * A small built-in picker of common emoji, grouped; loaded only when first opened. Arrow keys, Home and
 * End move between emoji, Enter or Space picks, Escape closes.
 */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  useEffect(() => ref.current?.querySelector('button')?.focus(), []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    const all = buttons();
    const current = all.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | undefined;
    if (step !== undefined) next = Math.min(all.length - 1, Math.max(0, current + step));
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = all.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    all[next]?.focus();
  }

  return (
    <div ref={ref} className="emoji-picker" role="dialog" aria-label={t('messages.emoji.label')} onKeyDown={onKeyDown}>
      {groups.map((group, g) => (
        <fieldset key={group.key} className="emoji-group">
          <legend>{t(`messages.emoji.groups.${group.key}`)}</legend>
          {group.emoji.map((emoji, i) => (
            <button
              key={emoji}
              type="button"
              className="emoji-button"
              // One tab stop for the whole grid; the arrow keys do the rest.
              tabIndex={g === 0 && i === 0 ? 0 : -1}
              onClick={() => onPick(emoji)}
            >
              {emoji}
            </button>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
