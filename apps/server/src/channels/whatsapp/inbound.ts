import { parseJsonBody } from '../meta/body';
import { statusErrorText } from '../meta/errors';
import type { InboundEvent, InboundMessage, InboundSender, StatusUpdate, TemplateStatusUpdate } from '../types';
import { messageContent } from './content';
import type { WaMessage, WaPayload, WaStatus, WaTemplateStatus, WaValue } from './schema';

const seconds = (ts: string | undefined) => (ts && /^\d+$/.test(ts) ? new Date(Number(ts) * 1000) : undefined);

/**
 * The sender: the `wa_id` (a phone number WhatsApp has verified) when present; otherwise, for users who
 * hide their number, the business-scoped user id is their identity, with no phone.
 */
function sender(value: WaValue, msg: WaMessage): { sender: InboundSender; bsuid?: string } | null {
  const contacts = value.contacts ?? [];
  const contact =
    contacts.find((c) => (msg.from && c.wa_id === msg.from) || (msg.from_user_id && c.user_id === msg.from_user_id)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const phone = msg.from ?? contact?.wa_id;
  const bsuid = msg.from_user_id ?? contact?.user_id;
  const externalId = phone ?? bsuid;
  if (!externalId) return null;
  return {
    sender: {
      externalId,
      name: contact?.profile?.name,
      username: contact?.profile?.username,
      phone: phone ? `+${phone}` : undefined,
      identifiersVerified: Boolean(phone),
    },
    bsuid,
  };
}

function message(value: WaValue, msg: WaMessage): InboundMessage | null {
  const from = sender(value, msg);
  const content = messageContent(msg);
  if (!msg.id || !from || !content) return null;
  const meta = { ...content.meta };
  if (msg.context?.id) meta.replyTo = msg.context.id;
  if (msg.context?.forwarded || msg.context?.frequently_forwarded) meta.forwarded = true;
  if (from.bsuid) meta.bsuid = from.bsuid;
  return {
    kind: 'message',
    providerMessageId: msg.id,
    sender: from.sender,
    text: content.text,
    attachments: content.attachments,
    timestamp: seconds(msg.timestamp),
    meta,
  };
}

const STATUSES: Record<string, StatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read', // a voice message listened to
  failed: 'failed',
};

function status(s: WaStatus): StatusUpdate | null {
  const mapped = s.status ? STATUSES[s.status] : undefined;
  if (!s.id || !mapped) return null;
  return {
    kind: 'status',
    providerMessageId: s.id,
    status: mapped,
    timestamp: seconds(s.timestamp),
    ...(mapped === 'failed' ? statusErrorText(s.errors) : {}),
  };
}

function templateStatus(v: WaTemplateStatus): TemplateStatusUpdate | null {
  if (v.message_template_id === undefined || !v.message_template_name || !v.event) return null;
  return {
    kind: 'template',
    providerTemplateId: String(v.message_template_id),
    name: v.message_template_name,
    language: v.message_template_language ?? '',
    status: v.event.toUpperCase(),
    category: v.message_template_category,
    // Meta sends "NONE" when there is no reason.
    reason: v.reason && v.reason !== 'NONE' ? v.reason : undefined,
  };
}

/**
 * WhatsApp Cloud API webhook → events. With `phoneNumberId`, changes for another number of the same
 * app are skipped, so they are not answered from the wrong channel; with `wabaId`, template status
 * changes of another business account likewise.
 */
export function parseWhatsAppWebhook(raw: Buffer, phoneNumberId?: string, wabaId?: string): InboundEvent[] {
  const body = parseJsonBody<WaPayload>(raw);
  const out: InboundEvent[] = [];
  for (const entry of body.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field === 'message_template_status_update' && value) {
        const parsed = wabaId && entry.id && entry.id !== wabaId ? null : templateStatus(value);
        if (parsed) out.push(parsed);
        continue;
      }
      if (change.field !== 'messages' || !value) continue;
      const number = value.metadata?.phone_number_id;
      if (phoneNumberId && number && number !== phoneNumberId) continue;
      for (const m of value.messages ?? []) {
        const parsed = message(value, m);
        if (parsed) out.push(parsed);
      }
      for (const s of value.statuses ?? []) {
        const parsed = status(s);
        if (parsed) out.push(parsed);
      }
    }
  }
  return out;
}
