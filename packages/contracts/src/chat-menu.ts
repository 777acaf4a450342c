/**
 * A Messenger / Instagram chat menu (Settings → Channels → Chat menus): the get-started button, the
 * persistent menu and the ice breakers, as Meta's Messenger Profile API takes them. Shared by the server
 * (validation, the call to Meta) and the settings form (the same limits while typing).
 */

import { z } from 'zod';

/**
 * Meta's limits: 20 persistent-menu items per locale (titles ≤ 30), 4 ice breakers, payloads ≤ 1,000
 * characters. `localizedMenus` is ours: Meta states no count, and its list of supported locales is shorter.
 */
export const CHAT_MENU_LIMITS = {
  menuItems: 20,
  menuTitle: 30,
  iceBreakers: 4,
  question: 80,
  payload: 1000,
  localizedMenus: 40,
} as const;

/**
 * Locales Meta lists for the persistent menu (Messenger Platform → Supported Locales), offered in Settings.
 * Meta's format is `ll_CC`; `es_LA` and `ar_AR` are its umbrella locales for Spanish and Arabic. Others
 * in that format are accepted and left to Meta to judge (its refusal comes back with the reason).
 */
export const MENU_LOCALES = [
  'es_LA',
  'es_ES',
  'en_US',
  'en_GB',
  'pt_BR',
  'pt_PT',
  'fr_FR',
  'de_DE',
  'it_IT',
  'nl_NL',
  'pl_PL',
  'ro_RO',
  'ru_RU',
  'tr_TR',
  'ar_AR',
  'he_IL',
  'hi_IN',
  'id_ID',
  'ja_JP',
  'ko_KR',
  'th_TH',
  'vi_VN',
  'zh_CN',
  'zh_HK',
  'zh_TW',
] as const;

/** Meta's locale format (`es_LA`, `en_US`); `default` is the menu everyone else sees. */
export const MENU_LOCALE_FORMAT = /^[a-z]{2}_[A-Z]{2}$/;

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

const menuItems = z.array(chatMenuItemSchema).max(CHAT_MENU_LIMITS.menuItems);

/** The persistent menu shown to people whose Messenger is in `locale` (Meta's `persistent_menu[].locale`). */
export const localizedMenuSchema = z.object({
  locale: z.string().regex(MENU_LOCALE_FORMAT, 'a Meta locale such as es_LA or en_US'),
  items: menuItems.min(1),
});
export type LocalizedMenu = z.infer<typeof localizedMenuSchema>;

export const chatMenuSchema = z
  .object({
    /** Messenger's "Get started" button: its payload comes back as a postback. Null: none. */
    getStarted: z.object({ payload }).nullable().default(null),
    /** The default menu (`locale: "default"`): everyone whose locale has no menu of its own sees it. */
    persistentMenu: menuItems.default([]),
    /** Menus for particular locales (Messenger only), besides the default one. */
    localizedMenus: z.array(localizedMenuSchema).max(CHAT_MENU_LIMITS.localizedMenus).default([]),
    iceBreakers: z
      .array(z.object({ question: z.string().trim().min(1).max(CHAT_MENU_LIMITS.question), payload }))
      .max(CHAT_MENU_LIMITS.iceBreakers)
      .default([]),
  })
  .superRefine((m, ctx) => {
    // Meta requires the `default` locale among the persistent menu's objects.
    if (m.localizedMenus.length > 0 && m.persistentMenu.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['persistentMenu'],
        message: 'menus for other languages need the default menu',
      });
    const locales = new Set<string>();
    m.localizedMenus.forEach((l, i) => {
      if (locales.has(l.locale))
        ctx.addIssue({ code: 'custom', path: ['localizedMenus', i, 'locale'], message: 'each locale once' });
      locales.add(l.locale);
    });
    const seen = new Set<string>();
    m.iceBreakers.forEach((b, i) => {
      if (seen.has(b.question))
        ctx.addIssue({ code: 'custom', path: ['iceBreakers', i, 'question'], message: 'each question once' });
      seen.add(b.question);
    });
  });
export type ChatMenu = z.infer<typeof chatMenuSchema>;

export const EMPTY_CHAT_MENU: ChatMenu = { getStarted: null, persistentMenu: [], localizedMenus: [], iceBreakers: [] };
