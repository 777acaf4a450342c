import { type ChatMenu, chatMenuSchema, EMPTY_CHAT_MENU } from '@charla/contracts/chat-menu';
import { ChannelError } from '../../channels/types';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { AppError } from '../../http/errors';
import { loadChannelInScope, updateChannelConfig } from './service';

async function menuChannel(ctx: Ctx, scope: Scope, channelId: number) {
  const channel = await loadChannelInScope(ctx, scope, channelId);
  const adapter = ctx.channels.get(channel.type);
  if (!adapter.chatMenu)
    throw new AppError('invalid', 'chat_menu_unsupported', `${channel.type} channels have no chat menu`);
  return { channel, adapter, features: adapter.chatMenu };
}

/** The channel's chat menu as last saved (empty when never set), and what the channel supports. */
export async function getChatMenu(ctx: Ctx, scope: Scope, channelId: number) {
  const { channel, features } = await menuChannel(ctx, scope, channelId);
  // Parsed, so a menu saved before a field existed comes back with its default.
  const stored = chatMenuSchema.safeParse((channel.config as { chatMenu?: unknown }).chatMenu);
  return {
    menu: stored.success ? stored.data : EMPTY_CHAT_MENU,
    getStarted: features.getStarted,
    locales: features.locales,
  };
}

/**
 * Pushes the menu to the provider first and stores it in the channel's config only once accepted, so
 * Settings never shows a menu the customers do not see. The provider's refusal comes back with its reason.
 */
export async function saveChatMenu(ctx: Ctx, scope: Scope, channelId: number, menu: ChatMenu) {
  const { channel, adapter, features } = await menuChannel(ctx, scope, channelId);
  try {
    await features.push(channel.config, menu);
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    if (err.retryable)
      throw new AppError('unavailable', 'provider_error', `${channel.type} could not be reached: ${err.reason}`);
    throw new AppError('invalid', 'provider_refused', `${channel.type} refused the chat menu: ${err.reason}`);
  }
  const config = adapter.configSchema.parse({ ...(channel.config as object), chatMenu: menu });
  await updateChannelConfig(ctx, scope, channelId, config);
  return { menu, getStarted: features.getStarted, locales: features.locales };
}
