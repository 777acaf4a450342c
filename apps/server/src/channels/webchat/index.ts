import { randomToken } from '../../lib/crypto';
import type { ChannelAdapter } from '../types';
import { sendWebchat } from './outbound';
import { type WebchatConfig, webchatConfigSchema } from './schema';
import { refuseWebhook } from './verify';

/**
 * The website chat widget (SPEC §1). Unlike provider channels it has no webhook: visitors talk to the
 * public widget API and Socket.IO namespace in `modules/webchat`, which store messages through the same
 * `resolveSender` + `storeInbound` path; replies reach visitors through `send` over that namespace.
 */
export const webchatAdapter: ChannelAdapter<WebchatConfig> = {
  type: 'webchat',
  configSchema: webchatConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 50 },
  prepareConfig(input) {
    const given = (input ?? {}) as Partial<WebchatConfig>;
    const secret = given.secret ?? randomToken(32);
    return { config: webchatConfigSchema.parse({ ...given, secret }), shownOnce: { secret } };
  },
  verifyWebhook: refuseWebhook,
  eventId: () => '',
  parseWebhook: () => [],
  send: sendWebchat,
};
