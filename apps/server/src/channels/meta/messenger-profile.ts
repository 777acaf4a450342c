import type { ChatMenu, ChatMenuItem } from '@charla/contracts/chat-menu';
import { ChannelError } from '../types';
import { graphCall } from './graph-client';

export interface ProfileTarget {
  apiBaseUrl: string;
  token: string;
  /** Instagram's menus live in the same Messenger Profile, under `platform=instagram`. */
  platform?: 'instagram';
}

/**
 * What one channel's Messenger Profile takes: Instagram has no get-started button, and Meta documents its
 * persistent menu with the `default` locale only (Messenger's takes one per supported locale).
 */
export const chatMenuFeatures = (platform: ProfileTarget['platform']) => ({
  getStarted: platform !== 'instagram',
  locales: platform !== 'instagram',
});

/**
 * The Messenger Profile properties a menu sets, and the ones it clears (Meta refuses empty arrays, so a
 * removed part is DELETEd by field name instead).
 */
export function profileBody(menu: ChatMenu, platform: ProfileTarget['platform']) {
  const set: Record<string, unknown> = {};
  const clear: string[] = [];
  if (chatMenuFeatures(platform).getStarted) {
    if (menu.getStarted) set.get_started = { payload: menu.getStarted.payload };
    else clear.push('get_started');
  }
  const localeMenu = (locale: string, items: ChatMenuItem[]) => ({
    locale,
    // Instagram has no composer_input_disabled; on Messenger the customer can always type.
    ...(platform === 'instagram' ? {} : { composer_input_disabled: false }),
    call_to_actions: items.map((item) =>
      item.type === 'postback'
        ? { type: 'postback', title: item.title, payload: item.payload }
        : { type: 'web_url', title: item.title, url: item.url },
    ),
  });
  // One object per locale; Meta requires the `default` one (the contract refuses locales without it).
  if (menu.persistentMenu.length > 0)
    set.persistent_menu = [
      localeMenu('default', menu.persistentMenu),
      ...menu.localizedMenus.map((l) => localeMenu(l.locale, l.items)),
    ];
  else clear.push('persistent_menu');
  if (menu.iceBreakers.length > 0)
    set.ice_breakers = [
      {
        locale: 'default',
        call_to_actions: menu.iceBreakers.map((b) => ({ question: b.question, payload: b.payload })),
      },
    ];
  else clear.push('ice_breakers');
  return { set, clear };
}

/**
 * Pushes a chat menu to Meta: `POST /me/messenger_profile` with the parts it has, then `DELETE` of the
 * parts it no longer has. Meta shows Messenger's persistent menu only on pages with a get-started button,
 * so that combination is refused here with the reason rather than silently not shown.
 */
export async function pushChatMenu(target: ProfileTarget, menu: ChatMenu): Promise<void> {
  if (!chatMenuFeatures(target.platform).getStarted && menu.getStarted)
    throw new ChannelError('unsupported', 'Instagram has no get-started button', false);
  if (!chatMenuFeatures(target.platform).locales && menu.localizedMenus.length > 0)
    throw new ChannelError('unsupported', 'Instagram takes one persistent menu for every language', false);
  if (target.platform !== 'instagram' && menu.persistentMenu.length > 0 && !menu.getStarted)
    throw new ChannelError(
      'get_started_required',
      'Messenger shows the persistent menu only when the page has a get-started button: add one',
      false,
    );
  const { set, clear } = profileBody(menu, target.platform);
  const platform = target.platform ? { platform: target.platform } : {};
  const path = `me/messenger_profile${target.platform ? `?platform=${target.platform}` : ''}`;
  const check = (res: { result?: string }) => {
    if (res.result !== 'success')
      throw new ChannelError('bad_response', 'The Messenger Profile API did not answer success', false);
  };
  if (Object.keys(set).length > 0)
    check(await graphCall(target.apiBaseUrl, target.token, path, { body: { ...platform, ...set } }));
  if (clear.length > 0)
    check(
      await graphCall(target.apiBaseUrl, target.token, path, {
        method: 'DELETE',
        body: { ...platform, fields: clear },
      }),
    );
}
