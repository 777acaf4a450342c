/**
 * A Messenger / Instagram chat menu (Settings → Channels → Chat menus): the get-started button, the
 * persistent menu and the ice breakers, as Meta's Messenger Profile API takes them. Shared by the server
 * (validation, the call to Meta) and the settings form (the same limits while typing).
 */

import { z } from 'zod';

/** Meta's limits: 20 persistent-menu items (titles ≤ 30), 4 ice breakers, payloads ≤ 1,000 characters. */
export const CHAT_MENU_LIMITS = {
  menuItems: 20,
  menuTitle: 30,
  iceBreakers: 4,
  question: 80,
  payload: 1000,
} as const;

const payload = z.string().trim().min(1).max(CHAT_MENU_LIMITS.payload);

export const chatMenuItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('postback'), title: z.string().trim().min(1).max(CHAT_MENU_LIMITS.menuTitle), payload }),
  z.object({
    type: z.literal('web_url'),
    title: z.string().trim().min(1).max(CHAT_MENU_LIMITS.menuTitle),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  }),
]);
export type ChatMenuItem = z.infer<typeof chatMenuItemSchema>;

export const chatMenuSchema = z
  .object({
    /** Messenger's "Get started" button: its payload comes back as a postback. Null: none. */
    getStarted: z.object({ payload }).nullable().default(null),
    persistentMenu: z.array(chatMenuItemSchema).max(CHAT_MENU_LIMITS.menuItems).default([]),
    iceBreakers: z
      .array(z.object({ question: z.string().trim().min(1).max(CHAT_MENU_LIMITS.question), payload }))
      .max(CHAT_MENU_LIMITS.iceBreakers)
      .default([]),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.iceBreakers.forEach((b, i) => {
      if (seen.has(b.question))
        ctx.addIssue({ code: 'custom', path: ['iceBreakers', i, 'question'], message: 'each question once' });
      seen.add(b.question);
    });
  });
export type ChatMenu = z.infer<typeof chatMenuSchema>;

export const EMPTY_CHAT_MENU: ChatMenu = { getStarted: null, persistentMenu: [], iceBreakers: [] };
