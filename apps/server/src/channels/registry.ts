import { AppError } from '../http/errors';
import { customAdapter } from './custom';
import { emailAdapter } from './email';
import { instagramAdapter } from './instagram';
import { messengerAdapter } from './messenger';
import { messagebirdAdapter } from './messagebird';
import { telegramAdapter } from './telegram';
import { twilioAdapter } from './twilio';
import { vonageAdapter } from './vonage';
import type { ChannelAdapter } from './types';
import { whatsappAdapter } from './whatsapp';
import { webchatAdapter } from './webchat';

/** Every channel Charla speaks. Adding a channel = one folder and one line here. */
const adapters = {
  custom: customAdapter,
  whatsapp: whatsappAdapter,
  messenger: messengerAdapter,
  instagram: instagramAdapter,
  webchat: webchatAdapter,
  telegram: telegramAdapter,
  twilio: twilioAdapter,
  messagebird: messagebirdAdapter,
  vonage: vonageAdapter,
  email: emailAdapter,
  // biome-ignore lint/suspicious/noExplicitAny: each adapter has its own config type
} as const satisfies Record<string, ChannelAdapter<any>>;

export type ChannelType = keyof typeof adapters;

export class ChannelRegistry {
  readonly types = Object.keys(adapters) as ChannelType[];

  has(type: string): type is ChannelType {
    return Object.hasOwn(adapters, type);
  }

  get(type: string): ChannelAdapter<unknown> {
    if (!this.has(type)) throw new AppError('not_found', 'unknown_channel_type', `Unknown channel type "${type}"`);
    return adapters[type] as unknown as ChannelAdapter<unknown>;
  }
}
