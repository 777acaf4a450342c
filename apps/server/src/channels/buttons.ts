import { z } from 'zod';

/**
 * Buttons an outbound message may carry in `meta.buttons`: a reply button (`data` comes back with the
 * tap) or a link. Telegram shows both as an inline keyboard; WhatsApp and Messenger/Instagram show reply
 * buttons as interactive buttons, lists or quick replies.
 */
export const outboundButtons = z
  .array(
    z.union([
      z.object({ text: z.string().min(1).max(64), data: z.string().min(1).max(64) }),
      z.object({ text: z.string().min(1).max(64), url: z.url() }),
    ]),
  )
  .max(20);

export type ReplyButton = { text: string; data: string };

/** The reply buttons of a message's meta (links and malformed lists: none). */
export function replyButtonsOf(meta: Record<string, unknown> | undefined): ReplyButton[] {
  const parsed = outboundButtons.safeParse(meta?.buttons);
  if (!parsed.success) return [];
  return parsed.data.filter((b): b is ReplyButton => 'data' in b);
}

/**
 * A WhatsApp list with sections an agent composed (`meta.list`): the menu button's label and the rows,
 * each with the id its tap comes back with.
 */
export const outboundList = z.object({
  button: z.string().min(1).max(20),
  sections: z
    .array(
      z.object({
        title: z.string().max(24),
        rows: z.array(
          z.object({
            id: z.string().min(1).max(200),
            title: z.string().min(1).max(24),
            description: z.string().max(72),
          }),
        ),
      }),
    )
    .min(1)
    .max(10),
});
export type OutboundList = z.infer<typeof outboundList>;

export function listOf(meta: Record<string, unknown> | undefined): OutboundList | null {
  const parsed = outboundList.safeParse(meta?.list);
  return parsed.success ? parsed.data : null;
}

/** Options as text the contact can answer with, for channels that cannot show them as buttons. */
export function numberedOptions(body: string, options: string[]): string {
  return `${body}\n\n${options.map((o, i) => `${i + 1}. ${o}`).join('\n')}`;
}

/** Labels that can be told apart by their text and by their id (providers refuse duplicates). */
export const distinctLabels = (labels: string[]) =>
  new Set(labels).size === labels.length && new Set(labels.map((l) => l.slice(0, 64))).size === labels.length;

/**
 * What the contact's tap sends back, by channel: Telegram's callback data, WhatsApp's button/list reply
 * id (or a template quick reply's payload), Messenger/Instagram's quick reply payload.
 */
export function replyIdOf(meta: Record<string, unknown>): string | null {
  if (typeof meta.callbackData === 'string') return meta.callbackData;
  const i = meta.interactive as { id?: unknown; payload?: unknown } | undefined;
  if (typeof i?.id === 'string') return i.id;
  if (typeof i?.payload === 'string') return i.payload;
  return null;
}
