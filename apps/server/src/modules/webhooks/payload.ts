import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import type { EventOf } from '../../events/types';
import { comments, conversations, messages } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import { contactDto } from '../api-v2/contact-dto';
import { messageDto } from '../api-v2/message-dto';
import { unix } from '../api-v2/schemas';
import { survivingContact } from '../identity/identifiers';
import { type SOURCE_EVENTS, webhookEventOf } from './events';

type SourceEvent = EventOf<(typeof SOURCE_EVENTS)[number]>;

/**
 * A stable id for a domain event: the listener may run twice, and both runs must produce the same
 * delivery (the unique index on subscription and event id then keeps one).
 */
export function eventIdOf(event: SourceEvent): string {
  const h = sha256Hex(`${event.workspaceId}|${event.type}|${event.at}|${JSON.stringify(event.data)}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What the event is about, read now (listeners read current state); null when it is gone. */
async function dataOf(
  scope: Scope,
  event: SourceEvent,
): Promise<{ contactId: number; data: Record<string, unknown> } | null> {
  let contactId: number;
  const extra: Record<string, unknown> = {};
  switch (event.type) {
    case 'message.created':
    case 'message.sent': {
      const m = await scope.first(messages, eq(messages.id, event.data.messageId));
      if (!m) return null;
      contactId = m.contactId;
      extra.message = messageDto(m);
      break;
    }
    case 'conversation.opened':
    case 'conversation.closed': {
      const c = await scope.first(conversations, eq(conversations.id, event.data.conversationId));
      if (!c) return null;
      contactId = c.contactId;
      extra.conversation = {
        id: c.id,
        status: c.status === 'open' ? 'open' : 'close',
        openedBy: c.openedBy,
        created_at: unix(c.openedAt),
        closed_at: unix(c.closedAt),
        category: c.closingCategory,
        summary: c.closingSummary,
        assigneeUserId: c.assigneeUserId,
      };
      break;
    }
    case 'comment.created': {
      const c = await scope.first(comments, eq(comments.id, event.data.commentId));
      if (!c) return null;
      contactId = c.contactId;
      extra.comment = { id: c.id, text: c.body, userId: c.userId, created_at: unix(c.createdAt) };
      break;
    }
    case 'contact.deleted':
      // Gone: the event carries the contact as it was.
      return { contactId: event.data.contactId, data: { contact: event.data.contact } };
    default:
      contactId = event.data.contactId;
  }
  // An event about a contact merged away since is about the person it lives on in, and joins that queue.
  const contact = await survivingContact(scope, contactId);
  if (!contact) return null;
  return { contactId: contact.id, data: { contact: await contactDto(scope, contact), ...extra } };
}

/** The delivery body of an event, with its id, name and time; null when what it is about is gone. */
export async function webhookPayload(scope: Scope, event: SourceEvent) {
  const name = webhookEventOf(event.type, event.data as { direction?: 'in' | 'out' });
  if (!name) return null;
  const found = await dataOf(scope, event);
  if (!found) return null;
  const id = eventIdOf(event);
  const body = JSON.stringify({ id, event: name, timestamp: unix(new Date(event.at)), data: found.data });
  return { id, name, contactId: found.contactId, body };
}
