import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Its own chunk: the inbox's first load does not carry the emoji table.
const EmojiPicker = lazy(() => import('./EmojiPicker').then((m) => ({ default: m.EmojiPicker })));

/** The composer's emoji button; the picker opens below it and hands the chosen emoji to `onPick`. */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-label={t('messages.emoji.open')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🙂</span>
      </button>
      {open && (
        <Suspense fallback={<span className="muted">{t('common.loading')}</span>}>
          <EmojiPicker
            onPick={(emoji) => {
              setOpen(false);
              onPick(emoji);
            }}
            onClose={() => {
              setOpen(false);
              buttonRef.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
