import crypto from 'node:crypto';
import { signRs256Jwt } from '../jwt';
import { basicAuth, jsonOf, providerRequest } from '../provider-http';
import { ChannelError, type OutboundMessage } from '../types';
import { vonageMessagesError, vonageSmsError } from './errors';
import { apiBaseOf, type VonageConfig } from './schema';

const noMedia = () => new ChannelError('media_unsupported', 'SMS cannot carry attachments: send the text alone', false);

/** Legacy SMS API: form POST to /sms/json; delivery receipts come back to this channel's webhook URL. */
async function sendSms(message: OutboundMessage, config: VonageConfig) {
  if (message.attachments.length > 0) throw noMedia();
  const text = message.text ?? '';
  const form = new URLSearchParams({
    text,
    to: message.recipient.externalId,
    from: config.fromNumber,
    api_key: config.apiKey,
    api_secret: config.apiSecret,
    'status-report-req': '1',
    // Outside GSM's basic characters (accents aside, emoji and most scripts) the text needs unicode.
    type: /^[\x20-\x7e\n\r£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà]*$/.test(text) ? 'text' : 'unicode',
  });
  if (message.webhookUrl) form.set('callback', message.webhookUrl);
  const res = await providerRequest(`${apiBaseOf(config)}/sms/json`, {
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 200) throw vonageMessagesError(res.status, res.text, res.retryAfter);
  const parts = jsonOf<{ messages?: { status?: string; 'message-id'?: string; 'error-text'?: string }[] }>(
    res.text,
  )?.messages;
  if (!parts?.length) throw new ChannelError('bad_response', 'Vonage answered without messages', true);
  const failed = parts.find((p) => p.status !== '0');
  if (failed) throw vonageSmsError(failed.status ?? '', failed['error-text']);
  // A long text goes as several parts; receipts for the first one update the message.
  return { providerMessageId: parts[0]!['message-id']! };
}

/** An application JWT (RS256) when the channel has the application's private key; basic auth otherwise. */
function messagesAuth(config: VonageConfig): string {
  if (!config.privateKey || !config.applicationId) return basicAuth(config.apiKey, config.apiSecret);
  const now = Math.floor(Date.now() / 1000);
  const jwt = signRs256Jwt(
    { application_id: config.applicationId, iat: now, exp: now + 300, jti: crypto.randomUUID() },
    config.privateKey,
  );
  return `Bearer ${jwt}`;
}

/** Messages API: one /v1/messages call per attachment (the text as the first image's caption), else a text. */
async function sendMessages(message: OutboundMessage, config: VonageConfig) {
  const address = message.recipient.externalId;
  const [channel, to] = address.includes(':') ? (address.split(':', 2) as [string, string]) : ['sms', address];
  if (channel === 'sms' && message.attachments.length > 0) throw noMedia();
  const base = { channel, from: config.fromNumber, to };
  const bodies: Record<string, unknown>[] = message.attachments.map((a, i) => {
    const type = ['image', 'audio', 'video'].includes(a.type) ? a.type : 'file';
    const caption = i === 0 && type === 'image' && message.text ? { caption: message.text } : {};
    return { message_type: type, [type]: { url: a.url, ...caption }, ...base };
  });
  const captioned = message.attachments[0]?.type === 'image';
  if (message.text && !captioned) bodies.unshift({ message_type: 'text', ...base, text: message.text });
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await providerRequest(`${apiBaseOf(config)}/v1/messages`, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: messagesAuth(config) },
    });
    if (res.status < 200 || res.status >= 300) throw vonageMessagesError(res.status, res.text, res.retryAfter);
    const id = jsonOf<{ message_uuid?: string }>(res.text)?.message_uuid;
    if (!id) throw new ChannelError('bad_response', 'Vonage accepted the message without a message_uuid', true);
    ids.push(id);
  }
  return { providerMessageId: ids[0] ?? `charla-${message.messageId}` };
}

export const sendVonage = (message: OutboundMessage, config: VonageConfig) =>
  config.api === 'messages' ? sendMessages(message, config) : sendSms(message, config);
