/**
 * The typed map of domain events. Payloads carry ids, not rows: listeners read current state, so a
 * listener that runs twice (they may) or late still acts on the truth.
 */
export interface DomainEvents {
  'message.created': { messageId: number; conversationId: number; contactId: number; direction: 'in' | 'out' };
  'message.updated': { messageId: number; conversationId: number; contactId: number };
  /** The provider accepted an outbound message (not when it was queued). */
  'message.sent': { messageId: number; conversationId: number; contactId: number };
  'conversation.opened': { conversationId: number; contactId: number; source: 'contact' | 'user' | 'workflow' | 'api' };
  /** `previous` is set when the assignee changed: who could see the conversation before may not any more. */
  'conversation.updated': {
    conversationId: number;
    contactId: number;
    previous?: { assigneeUserId: number | null; assigneeTeamId: number | null };
  };
  'conversation.closed': { conversationId: number; contactId: number };
  'contact.created': { contactId: number };
  'contact.updated': { contactId: number; fields?: string[] };
  /** The one event carrying a row: the contact (in the developer API's shape) as it was, since it is gone. */
  'contact.deleted': { contactId: number; contact: Record<string, unknown> };
  'contact.tag_updated': { contactId: number; tagId: number; tag: string; action: 'added' | 'removed' };
  /** The contact's assignee changed (besides `contact.updated` with `fields: ['assignee']`). */
  'contact.assignee.changed': { contactId: number };
  'comment.created': { commentId: number; conversationId: number; mentions: number[] };
  'notification.created': { notificationId: number; userId: number };
  'member.presence': { userId: number; status: 'online' | 'away' | 'offline' };
  /** A contact wrote back on the channel a broadcast reached them on (modules/broadcasts/recipient-status.ts). */
  'broadcast.replied': { broadcastId: number; contactId: number; messageId: number };
}

export type DomainEventName = keyof DomainEvents;

export type DomainEvent = {
  [K in DomainEventName]: { type: K; workspaceId: number; at: string; data: DomainEvents[K] };
}[DomainEventName];

export type EventOf<K extends DomainEventName> = Extract<DomainEvent, { type: K }>;
