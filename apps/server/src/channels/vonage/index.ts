import { downloadMedia } from '../media-download';
import { basicAuth, mayCarryCredentials } from '../provider-http';
import { ChannelError, type ChannelAdapter } from '../types';
import { parseVonageMessages, vonageMessagesEventId } from './inbound-messages';
import { parseVonageSms, vonageSmsEventId } from './inbound-sms';
import { sendVonage } from './outbound';
import { apiBaseOf, type VonageConfig, vonageConfigSchema } from './schema';
import { verifyVonageWebhook } from './verify';

/** Vonage (Nexmo): the legacy SMS API or the Messages API v1, chosen per channel by `api`. */
export const vonageAdapter: ChannelAdapter<VonageConfig> = {
  type: 'vonage',
  configSchema: vonageConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 30 },
  prepareConfig: (input) => ({ config: vonageConfigSchema.parse(input ?? {}) }),
  verifyWebhook: (req, config) => verifyVonageWebhook(req, config),
  // Messages API bodies are JSON with a message_uuid; legacy SMS webhooks are query, form or flat JSON.
  eventId: (req) =>
    /"message_uuid"/.test(req.rawBody.toString('utf8')) ? vonageMessagesEventId(req) : vonageSmsEventId(req),
  parseWebhook: (req, config) => (config.api === 'messages' ? parseVonageMessages(req) : parseVonageSms(req)),
  send: sendVonage,
  // SMS (both APIs) addresses numbers as digits; other Messages API channels carry a `channel:` prefix.
  phoneAddress: () => ({ prefix: '', plus: false }),
  // Legacy inbound SMS and receipts default to GET.
  acceptsGet: true,
  async fetchMedia(attachment, config) {
    const url = attachment.ref ?? '';
    if (!url) throw new ChannelError('no_media', 'The attachment has no URL', false);
    // Vonage media links need the account's credentials; they go only to Vonage's own hosts.
    const auth = mayCarryCredentials(url, apiBaseOf(config), /(^|\.)(nexmo|vonage)\.com$/);
    return downloadMedia(url, auth ? { authorization: basicAuth(config.apiKey, config.apiSecret) } : {});
  },
};
