import { basicAuth, jsonOf, providerRequest } from '../provider-http';
import { ChannelError, type OutboundMessage } from '../types';
import { twilioError } from './errors';
import type { TwilioConfig } from './schema';

/** Our sender for a recipient: WhatsApp recipients need a `whatsapp:` sender. */
function senderParams(config: TwilioConfig, to: string): [string, string] {
  if (config.messagingServiceSid) return ['MessagingServiceSid', config.messagingServiceSid];
  const from = config.fromNumber!;
  const whatsapp = to.startsWith('whatsapp:');
  return ['From', whatsapp && !from.startsWith('whatsapp:') ? `whatsapp:${from}` : from];
}

/**
 * Creates a Message (form POST, basic auth). Media goes as MediaUrl: Twilio fetches our signed links.
 * Status callbacks come back to this channel's webhook URL.
 */
export async function sendTwilio(message: OutboundMessage, config: TwilioConfig) {
  const to = message.recipient.externalId;
  const form = new URLSearchParams();
  form.append('To', to);
  form.append(...senderParams(config, to));
  if (message.text) form.append('Body', message.text);
  for (const a of message.attachments) form.append('MediaUrl', a.url);
  if (message.webhookUrl) form.append('StatusCallback', message.webhookUrl);
  const res = await providerRequest(`${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}/Messages.json`, {
    body: form.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basicAuth(config.accountSid, config.authToken),
    },
  });
  if (res.status < 200 || res.status >= 300) throw twilioError(res.status, res.text, res.retryAfter);
  const sid = jsonOf<{ sid?: string }>(res.text)?.sid;
  if (!sid) throw new ChannelError('bad_response', 'Twilio accepted the message without a sid', true);
  return { providerMessageId: sid };
}
