import { downloadMedia } from '../media-download';
import { mayCarryCredentials } from '../provider-http';
import { ChannelError, type ChannelAdapter } from '../types';
import { messagebirdEventId, parseMessagebirdWebhook } from './inbound';
import { sendMessagebird } from './outbound';
import { apiBaseOf, type MessagebirdConfig, messagebirdConfigSchema } from './schema';
import { verifyMessagebirdWebhook } from './verify';

/** MessageBird (Bird): Conversations API channels (WhatsApp, SMS…) or the legacy SMS API. */
export const messagebirdAdapter: ChannelAdapter<MessagebirdConfig> = {
  type: 'messagebird',
  configSchema: messagebirdConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 10 },
  prepareConfig: (input) => ({ config: messagebirdConfigSchema.parse(input ?? {}) }),
  verifyWebhook: (req, config) => verifyMessagebirdWebhook(req, config),
  eventId: messagebirdEventId,
  parseWebhook: parseMessagebirdWebhook,
  send: sendMessagebird,
  // Conversations API senders are `+…`; the legacy SMS API's originators are digits.
  phoneAddress: (config) => ({ prefix: '', plus: !!config.channelId }),
  // SMS status reports arrive as GET requests.
  acceptsGet: true,
  async fetchMedia(attachment, config) {
    const url = attachment.ref ?? '';
    if (!url) throw new ChannelError('no_media', 'The attachment has no URL', false);
    // The access key goes only to MessageBird's own hosts.
    if (!mayCarryCredentials(url, apiBaseOf(config), /\.messagebird\.com$/)) return downloadMedia(url);
    return downloadMedia(url, { authorization: `AccessKey ${config.accessKey}` });
  },
};
