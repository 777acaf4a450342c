import { h, ICONS, icon } from './dom';
import type { Strings } from './i18n';

const EMOJI = [
  '😀',
  '😂',
  '😊',
  '😍',
  '🤔',
  '😢',
  '😮',
  '😅',
  '👍',
  '👎',
  '🙏',
  '👏',
  '🎉',
  '❤️',
  '🔥',
  '✅',
  '❌',
  '⭐',
  '📦',
  '🚚',
  '💳',
  '📞',
  '👋',
  '🙌',
];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const FILE_TYPES =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.doc,.docx,.xls,.xlsx';

export interface ComposerHandlers {
  send(text: string): void;
  attach(file: File): void;
  typing(): void;
}

/** Text box with emoji and file buttons. Enter sends, Shift+Enter makes a new line. */
export function composer(t: Strings, on: ComposerHandlers) {
  const text = h('textarea', { rows: '1', 'aria-label': t.placeholder, placeholder: t.placeholder, maxlength: '5000' });
  const file = h('input', { type: 'file', accept: FILE_TYPES, hidden: true, 'aria-label': t.attach });
  const picker = h('div', { class: 'emoji', role: 'menu', hidden: true });
  for (const e of EMOJI) {
    const b = h('button', { type: 'button', role: 'menuitem' }, e);
    b.addEventListener('click', () => {
      const at = text.selectionStart ?? text.value.length;
      text.setRangeText(e, at, text.selectionEnd ?? at, 'end');
      picker.hidden = true;
      text.focus();
    });
    picker.append(b);
  }
  const emojiButton = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.emoji }, icon(ICONS.emoji));
  const attachButton = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.attach }, icon(ICONS.attach));
  const sendButton = h('button', { type: 'submit', class: 'icon-btn send', 'aria-label': t.send }, icon(ICONS.send));
  const form = h('form', { class: 'composer' }, picker, text, file, emojiButton, attachButton, sendButton);

  emojiButton.addEventListener('click', () => {
    picker.hidden = !picker.hidden;
  });
  attachButton.addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    file.value = '';
    if (f) on.attach(f);
  });
  const submit = () => {
    const value = text.value.trim();
    if (!value) return;
    text.value = '';
    on.send(value);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  text.addEventListener('input', () => on.typing());
  return { form, focus: () => text.focus() };
}
