import { jsonOf, providerRequest } from '../provider-http';
import { ChannelError, type OutboundAttachment, type OutboundMessage } from '../types';
import { messagebirdError } from './errors';
import { apiBaseOf, type MessagebirdConfig } from './schema';

async function post(config: MessagebirdConfig, path: string, body: unknown): Promise<string> {
  const res = await providerRequest(`${apiBaseOf(config)}${path}`, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `AccessKey ${config.accessKey}` },
  });
  if (res.status < 200 || res.status >= 300) throw messagebirdError(res.status, res.text, res.retryAfter);
  // The SDK's shape is {"message":{"id"}}; the public docs show {"id"}: take either.
  const json = jsonOf<{ id?: string; message?: { id?: string } }>(res.text);
  const id = json?.message?.id ?? json?.id;
  if (!id) throw new ChannelError('bad_response', 'MessageBird accepted the message without an id', true);
  return id;
}

const contentType = (a: OutboundAttachment) =>
  a.type === 'image' || a.type === 'video' || a.type === 'audio' ? a.type : 'file';

/**
 * Conversations API: one /v1/send per attachment (the text as the first one's caption), else one text
 * message. Status reports come back to this channel's webhook URL. Returns the first message's id.
 */
async function sendConversations(message: OutboundMessage, config: MessagebirdConfig) {
  const base = { to: message.recipient.externalId, from: config.channelId, reportUrl: message.webhookUrl };
  const bodies: Record<string, unknown>[] = message.attachments.map((a, i) => {
    const type = contentType(a);
    const caption = i === 0 && type !== 'audio' && message.text ? { caption: message.text } : {};
    return { ...base, type, content: { [type]: { url: a.url, ...caption } } };
  });
  const captioned = message.attachments.length > 0 && contentType(message.attachments[0]!) !== 'audio';
  if (message.text && !captioned) bodies.unshift({ ...base, type: 'text', content: { text: message.text } });
  const ids: string[] = [];
  for (const body of bodies) ids.push(await post(config, '/v1/send', body));
  return { providerMessageId: ids[0] ?? `charla-${message.messageId}` };
}

/** Legacy SMS API (/messages), or MMS (/mms) when there are attachments. */
async function sendSms(message: OutboundMessage, config: MessagebirdConfig) {
  const body = {
    recipients: [message.recipient.externalId.replace(/^\+/, '')],
    reference: `charla-${message.messageId}`,
    originator: config.originator,
    body: message.text ?? '',
    ...(message.attachments.length > 0 ? { mediaUrls: message.attachments.slice(0, 10).map((a) => a.url) } : {}),
    ...(message.webhookUrl ? { reportUrl: message.webhookUrl } : {}),
  };
  return { providerMessageId: await post(config, message.attachments.length > 0 ? '/mms' : '/messages', body) };
}

export const sendMessagebird = (message: OutboundMessage, config: MessagebirdConfig) =>
  config.channelId ? sendConversations(message, config) : sendSms(message, config);
