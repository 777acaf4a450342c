import type { channels, messages, users } from '../../db/schema';

type MessageRow = typeof messages.$inferSelect;

export function serializeMessage(
  m: MessageRow,
  channel: Pick<typeof channels.$inferSelect, 'id' | 'type' | 'name'> | null,
  sender: Pick<typeof users.$inferSelect, 'name'> | null,
) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
    direction: m.direction,
    senderKind: m.senderKind,
    senderUserId: m.senderUserId,
    senderName: sender?.name ?? null,
    body: m.body,
    /** An email's subject (null for channels without one). */
    subject: typeof m.meta.subject === 'string' && m.meta.subject ? m.meta.subject : null,
    attachments: m.attachments.map((a) => ({
      url: a.fileId ? `/api/files/${a.fileId}` : a.state ? '' : (a.url ?? ''),
      type: a.type,
      name: a.name ?? null,
      mime: a.mime ?? null,
      size: a.size ?? null,
      state: a.state ?? 'ready',
      error: a.error ?? null,
    })),
    status: m.status,
    errorCode: m.errorCode,
    errorReason: m.errorReason,
    channel: channel ? { id: channel.id, type: channel.type, name: channel.name } : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}
export type MessageDto = ReturnType<typeof serializeMessage>;
