import { randomToken } from '../../lib/crypto';
import { downloadMedia } from '../media-download';
import type { ChannelAdapter } from '../types';
import { parseCustomBody, parseCustomWebhook } from './inbound';
import { sendCustom } from './outbound';
import { type CustomConfig, customConfigSchema } from './schema';
import { verifyCustomWebhook } from './verify';

/** The custom channel (SPEC §1): any system that can sign an HTTP POST becomes a channel. */
export const customAdapter: ChannelAdapter<CustomConfig> = {
  type: 'custom',
  configSchema: customConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 50 },
  prepareConfig(input) {
    const given = (input ?? {}) as Partial<CustomConfig>;
    const secret = given.secret ?? randomToken(32);
    return { config: customConfigSchema.parse({ ...given, secret }), shownOnce: { secret } };
  },
  verifyWebhook: verifyCustomWebhook,
  eventId: (req) => parseCustomBody(req.rawBody).id,
  parseWebhook: parseCustomWebhook,
  send: sendCustom,
  fetchMedia: (attachment) => downloadMedia(attachment.ref ?? attachment.url ?? ''),
};
