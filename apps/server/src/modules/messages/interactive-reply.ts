import { type Interactive, interactiveOptions } from '@charla/contracts/interactive';
import { numberedOptions, type OutboundList } from '../../channels/buttons';
import type { ChannelAdapter } from '../../channels/types';
import { AppError } from '../../http/errors';

/**
 * The body and meta of a message with buttons or a list an agent composed, for the channel it goes out
 * on: WhatsApp's list with its sections, reply buttons where the channel shows them and they fit (WhatsApp
 * buttons, Messenger/Instagram quick replies, Telegram's keyboard), else the options as numbered text the
 * contact can answer with. A tap comes back with the option's title as its id.
 */
export function interactiveReply(adapter: ChannelAdapter<unknown>, text: string, interactive: Interactive) {
  const options = interactiveOptions(interactive);
  const labels = options.map((o) => o.title);
  if (interactive.type === 'list') {
    const list: OutboundList = {
      button: interactive.button,
      sections: interactive.sections.map((s) => ({
        title: s.title,
        rows: s.rows.map((r) => ({ id: r.title, title: r.title, description: r.description })),
      })),
    };
    if (adapter.listFits?.(text, list)) return { body: text, meta: { list } };
  }
  if (adapter.capabilities.buttons && (adapter.buttonsFit?.(text, labels) ?? true))
    return {
      body: text,
      meta: {
        buttons: labels.map((l) => ({ text: l, data: l })),
        ...(interactive.type === 'list' ? { menuLabel: interactive.button } : {}),
      },
    };
  const numbered = options.map((o) => (o.description ? `${o.title} — ${o.description}` : o.title));
  return { body: numberedOptions(text, numbered), meta: {} };
}

/** Buttons and lists go with a text, alone, while the contact's window is open (Meta's rule for them). */
export function assertInteractiveAllowed(
  text: string,
  files: number,
  windowOpen: boolean,
  interactiveBodyMax: number,
): void {
  if (!text.trim() || files > 0)
    throw new AppError('invalid', 'interactive_text_only', 'Buttons and lists go with a text and without files');
  if ([...text].length > interactiveBodyMax)
    throw new AppError(
      'invalid',
      'interactive_text_too_long',
      `A text with buttons has at most ${interactiveBodyMax} characters`,
    );
  if (!windowOpen)
    throw new AppError(
      'invalid',
      'window_closed',
      'Buttons and lists can be sent only while the contact’s messaging window is open: wait until they write again',
    );
}
