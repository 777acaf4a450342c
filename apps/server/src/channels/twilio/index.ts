import { downloadMedia } from '../media-download';
import { basicAuth, mayCarryCredentials } from '../provider-http';
import { ChannelError, type ChannelAdapter } from '../types';
import { parseTwilioWebhook, twilioEventId } from './inbound';
import { sendTwilio } from './outbound';
import { type TwilioConfig, twilioConfigSchema } from './schema';
import { verifyTwilioWebhook } from './verify';

/** Empty TwiML: "stored, no automatic reply". Twilio logs a warning for any non-TwiML answer. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio Programmable Messaging: SMS, MMS and WhatsApp (`whatsapp:+…` addresses). */
export const twilioAdapter: ChannelAdapter<TwilioConfig> = {
  type: 'twilio',
  configSchema: twilioConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 1 },
  prepareConfig: (input) => ({ config: twilioConfigSchema.parse(input ?? {}) }),
  verifyWebhook: verifyTwilioWebhook,
  eventId: twilioEventId,
  parseWebhook: parseTwilioWebhook,
  send: sendTwilio,
  // The channel's sender decides: a WhatsApp sender writes to `whatsapp:+…`, an SMS number to `+…`.
  phoneAddress: (config) => ({ prefix: config.fromNumber?.startsWith('whatsapp:') ? 'whatsapp:' : '', plus: true }),
  async fetchMedia(attachment, config) {
    const url = attachment.ref ?? '';
    // The account's credentials go only to Twilio's own API host, never to a URL elsewhere.
    if (!mayCarryCredentials(url, config.apiBaseUrl, null))
      throw new ChannelError('bad_media_url', 'The media URL is not on the Twilio API host', false);
    const media = await downloadMedia(url, { authorization: basicAuth(config.accountSid, config.authToken) });
    return { ...media, mime: media.mime ?? attachment.mime };
  },
  webhookAck: () => ({ status: 200, contentType: 'text/xml', body: EMPTY_TWIML }),
};
