import type { DomainEventName } from '../../events/types';

/** The events a webhook can subscribe to (respond.io's names where it has one). */
export const WEBHOOK_EVENTS = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.tag.updated',
  'contact.assignee.updated',
  'message.received',
  'message.sent',
  'conversation.opened',
  'conversation.closed',
  'comment.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The domain events that drive deliveries. */
export const SOURCE_EVENTS = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.tag_updated',
  'contact.assignee.changed',
  'message.created',
  'message.sent',
  'conversation.opened',
  'conversation.closed',
  'comment.created',
] as const satisfies DomainEventName[];

/**
 * The webhook event a domain event is, or null. An outbound message's creation is none: `message.sent`
 * fires when the provider accepted it, so a message that never leaves is never reported as sent.
 */
export function webhookEventOf(
  type: (typeof SOURCE_EVENTS)[number],
  data: { direction?: 'in' | 'out' },
): WebhookEvent | null {
  switch (type) {
    case 'contact.tag_updated':
      return 'contact.tag.updated';
    case 'contact.assignee.changed':
      return 'contact.assignee.updated';
    case 'message.created':
      return data.direction === 'in' ? 'message.received' : null;
    default:
      return type;
  }
}
