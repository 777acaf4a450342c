import type { messages } from '../../db/schema';
import { unix } from './schemas';

type MessageRow = typeof messages.$inferSelect;

/** The status history as respond.io gives it, from the times the message reached each status (outgoing only). */
function statusHistory(m: MessageRow) {
  const steps: { value: 'pending' | 'sent' | 'delivered' | 'read' | 'failed'; timestamp: number; message?: string }[] =
    [{ value: 'pending', timestamp: unix(m.createdAt)! }];
  if (m.sentAt) steps.push({ value: 'sent', timestamp: unix(m.sentAt)! });
  if (m.deliveredAt) steps.push({ value: 'delivered', timestamp: unix(m.deliveredAt)! });
  if (m.readAt) steps.push({ value: 'read', timestamp: unix(m.readAt)! });
  if (m.status === 'failed') {
    steps.push({
      value: 'failed',
      timestamp: unix(m.sentAt ?? m.createdAt)!,
      message: [m.errorCode, m.errorReason].filter(Boolean).join(': '),
    });
  }
  return steps;
}

function content(m: MessageRow): Record<string, unknown> {
  const meta = m.meta as Record<string, unknown>;
  if (meta.template) return { type: 'whatsapp_template', text: m.body, template: meta.template };
  if (meta.quickReplies) return { type: 'quick_reply', title: m.body, replies: meta.quickReplies };
  if (meta.email) return { type: 'email', text: m.body ?? '', ...(meta.email as Record<string, unknown>) };
  if (meta.customPayload) return { type: 'custom_payload', payload: meta.customPayload };
  if (meta.attachment) return { type: 'attachment', attachment: meta.attachment };
  if (m.attachments.length > 0 && !m.body) {
    const a = m.attachments[0]!;
    return { type: 'attachment', attachment: { type: a.type, fileName: a.name ?? null } };
  }
  return { type: 'text', text: m.body ?? '' };
}

/** respond.io's sender sources (SDK tests): ours map one to one, but a bot's or the system's are workflows. */
const SOURCES = {
  contact: 'contact',
  user: 'user',
  api: 'api',
  workflow: 'workflow',
  broadcast: 'broadcast',
  bot: 'workflow',
  system: 'workflow',
} as const;

export function messageDto(m: MessageRow) {
  return {
    messageId: m.id,
    channelMessageId: m.providerMessageId,
    contactId: m.contactId,
    channelId: m.channelId,
    traffic: m.direction === 'in' ? ('incoming' as const) : ('outgoing' as const),
    message: content(m),
    ...(m.direction === 'out' ? { status: statusHistory(m) } : {}),
    sender: { source: SOURCES[m.senderKind], ...(m.senderUserId ? { userId: m.senderUserId } : {}) },
  };
}
