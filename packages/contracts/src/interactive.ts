/**
 * Reply buttons or a list of options an agent adds to a message (the composer's "Buttons"), with Meta's
 * limits: up to 3 reply buttons (titles ≤ 20), or a WhatsApp list opened by a button (label ≤ 20) with up
 * to 10 sections (titles ≤ 24) holding 10 rows in all (titles ≤ 24, descriptions ≤ 72). Shared by the
 * API (validation) and the composer (the same limits while typing).
 */

import { z } from 'zod';

export const INTERACTIVE_LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  listButton: 20,
  sections: 10,
  sectionTitle: 24,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  body: 1024,
} as const;

const L = INTERACTIVE_LIMITS;
const unique = (titles: string[]) => new Set(titles).size === titles.length;

export const interactiveSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('buttons'),
      buttons: z
        .array(z.object({ title: z.string().trim().min(1).max(L.buttonTitle) }))
        .min(1)
        .max(L.buttons),
    }),
    z.object({
      type: z.literal('list'),
      button: z.string().trim().min(1).max(L.listButton),
      sections: z
        .array(
          z.object({
            title: z.string().trim().max(L.sectionTitle).default(''),
            rows: z
              .array(
                z.object({
                  title: z.string().trim().min(1).max(L.rowTitle),
                  description: z.string().trim().max(L.rowDescription).default(''),
                }),
              )
              .min(1)
              .max(L.rows),
          }),
        )
        .min(1)
        .max(L.sections),
    }),
  ])
  .superRefine((i, ctx) => {
    const titles = interactiveOptions(i).map((o) => o.title);
    if (!unique(titles)) ctx.addIssue({ code: 'custom', message: 'each option needs a different title' });
    if (i.type !== 'list') return;
    if (titles.length > L.rows)
      ctx.addIssue({ code: 'custom', path: ['sections'], message: `a list holds at most ${L.rows} rows in all` });
    if (i.sections.length > 1 && i.sections.some((s) => !s.title))
      ctx.addIssue({ code: 'custom', path: ['sections'], message: 'a list with several sections needs their titles' });
  });
export type Interactive = z.infer<typeof interactiveSchema>;

/** Every option a contact can tap, in order: the buttons, or the list's rows section by section. */
export function interactiveOptions(i: Interactive): { title: string; description: string }[] {
  if (i.type === 'buttons') return i.buttons.map((b) => ({ title: b.title, description: '' }));
  return i.sections.flatMap((s) => s.rows);
}
