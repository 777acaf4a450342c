import type { OutboundMessage, SendContext } from '../types';
import type { WebchatConfig } from './schema';

/** The event the widget listens for (modules/webchat/socket.ts forwards nothing else to visitors). */
export const VISITOR_MESSAGE_EVENT = 'message';

/**
 * Delivers an agent reply to the visitor's open widget connections. A visitor who is offline gets it from
 * the history on their next open, so the message counts as sent either way.
 */
export async function sendWebchat(
  message: OutboundMessage,
  _config: WebchatConfig,
  context?: SendContext,
): Promise<{ providerMessageId: string }> {
  await context?.pushToRecipient(message.recipient.externalId, VISITOR_MESSAGE_EVENT, {
    id: message.messageId,
    direction: 'out',
    text: message.text ?? null,
    attachments: message.attachments.map((a) => ({
      url: a.url,
      type: a.type,
      name: a.name ?? null,
      mime: a.mime ?? null,
    })),
    agentName: message.sender?.name ?? null,
    createdAt: new Date().toISOString(),
    status: 'sent',
  });
  return { providerMessageId: `wc-out-${message.messageId}` };
}
