import { ChannelError, type OutboundMessage } from '../types';
import { postJson } from './client';
import { customHttpError } from './errors';
import type { CustomConfig } from './schema';
import { signCustomBody } from './verify';

/** POSTs a reply to the integrator's callback URL, signed like inbound webhooks. */
export async function sendCustom(
  message: OutboundMessage,
  config: CustomConfig,
): Promise<{ providerMessageId: string }> {
  if (!config.callbackUrl) throw new ChannelError('no_callback_url', 'This custom channel has no callback URL', false);
  const body = JSON.stringify({
    id: String(message.messageId),
    conversationId: message.conversationId,
    recipient: { id: message.recipient.externalId },
    text: message.text ?? null,
    attachments: message.attachments.map((a) => ({ url: a.url, type: a.type, name: a.name ?? null })),
  });
  const res = await postJson(config.callbackUrl, body, { 'x-charla-signature': signCustomBody(config.secret, body) });
  if (res.status < 200 || res.status >= 300) throw customHttpError(res.status, res.text, res.retryAfter);
  let providerId: string | undefined;
  try {
    const json = JSON.parse(res.text) as { id?: unknown };
    if (typeof json.id === 'string' || typeof json.id === 'number') providerId = String(json.id);
  } catch {
    // an empty or non-JSON 2xx is still an acceptance
  }
  return { providerMessageId: providerId ?? `charla-${message.messageId}` };
}
