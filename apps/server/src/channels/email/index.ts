import type { ChannelAdapter } from '../types';
import { testEmailConnection } from './connection';
import { emailKey } from './headers';
import { parseEmail, rawEmailOf } from './inbound';
import { fetchEmailAttachment } from './media';
import { sendEmail } from './outbound';
import { type EmailConfig, emailConfigSchema } from './schema';

/**
 * Email: a mailbox read by IMAP and answered by SMTP (password, or Gmail with XOAUTH2). There is no
 * webhook: the email poller (`modules/email`) stores every new message of the inbox as a raw event,
 * and the shared inbox processes it like any provider event.
 */
export const emailAdapter: ChannelAdapter<EmailConfig> = {
  type: 'email',
  configSchema: emailConfigSchema,
  capabilities: { media: true, buttons: false, templates: false, windowHours: null, ratePerSecond: 5 },
  prepareConfig: (input) => ({ config: emailConfigSchema.parse(input ?? {}) }),
  // Mail only enters through the poller; nothing may be posted to an email channel's webhook URL.
  verifyWebhook: () => ({ ok: false, reason: 'email channels have no webhook' }),
  eventId: (req) => emailKey(rawEmailOf(req)),
  parseWebhook: parseEmail,
  send: sendEmail,
  fetchMedia: fetchEmailAttachment,
  connect: (config, _channel, policy) => testEmailConnection(config, policy),
  testConnection: testEmailConnection,
};
