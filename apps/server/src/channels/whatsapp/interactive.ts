import { distinctLabels, type OutboundList, type ReplyButton } from '../buttons';

/** WhatsApp's interactive limits: reply buttons (3, titles ≤ 20), list rows (10, titles ≤ 24), body ≤ 1024. */
const BUTTONS = { max: 3, title: 20 };
const ROWS = { max: 10, title: 24 };
const BODY_MAX = 1024;
/** The list's menu button ("See options") is at most 20 characters. */
const MENU_LABEL_MAX = 20;

const fits = (labels: string[], limit: { max: number; title: number }) =>
  labels.length > 0 && labels.length <= limit.max && labels.every((l) => [...l].length <= limit.title);

/** Options WhatsApp can show as buttons or a list; beyond that they go as numbered text. */
export function whatsappButtonsFit(text: string, labels: string[]): boolean {
  if (!text.trim() || [...text].length > BODY_MAX || !distinctLabels(labels)) return false;
  return fits(labels, BUTTONS) || fits(labels, ROWS);
}

/**
 * The `type: interactive` part for reply buttons: a `button` message when they fit as buttons, else a
 * one-section `list` opened by `menuLabel`. The tap comes back as `button_reply`/`list_reply` with the id.
 */
export function interactivePart(text: string, buttons: ReplyButton[], menuLabel: string) {
  const labels = buttons.map((b) => b.text);
  if (fits(labels, BUTTONS))
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text },
        action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.data, title: b.text } })) },
      },
    };
  return listPart(text, {
    button: [...menuLabel].slice(0, MENU_LABEL_MAX).join(''),
    sections: [{ title: '', rows: buttons.map((b) => ({ id: b.data, title: b.text, description: '' })) }],
  });
}

/** A composed list fits WhatsApp: a body, at most 10 rows in all, each section titled when there are several. */
export function whatsappListFits(text: string, list: OutboundList): boolean {
  const rows = list.sections.flatMap((s) => s.rows);
  return (
    text.trim() !== '' &&
    [...text].length <= BODY_MAX &&
    rows.length > 0 &&
    rows.length <= ROWS.max &&
    distinctLabels(rows.map((r) => r.id)) &&
    (list.sections.length === 1 || list.sections.every((s) => s.title !== ''))
  );
}

/** The `type: interactive` list an agent composed, sections and row descriptions as given. */
export function listPart(text: string, list: OutboundList) {
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text },
      action: {
        button: list.button,
        sections: list.sections.map((s) => ({
          ...(s.title ? { title: s.title } : {}),
          rows: s.rows.map((r) => ({
            id: r.id,
            title: r.title,
            ...(r.description ? { description: r.description } : {}),
          })),
        })),
      },
    },
  };
}
