import type { InboundAttachment, InboundEvent, InboundMessage } from '../types';
import { parseJsonBody } from './body';
import { type CommentChange, commentMessage } from './comments-inbound';
import { mapsLink } from './window';

/** One `entry[].messaging[]` event of Messenger and Instagram (same envelope; ms timestamps). */
interface MessagingEvent {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  message?: {
    mid?: string;
    text?: string;
    is_echo?: boolean;
    is_unsupported?: boolean;
    quick_reply?: { payload?: string };
    reply_to?: { mid?: string; story?: { id?: string; url?: string } };
    attachments?: {
      type?: string;
      payload?: { url?: string; title?: string; coordinates?: { lat?: number; long?: number } } | null;
    }[];
  };
  postback?: { mid?: string; title?: string; payload?: string };
  reaction?: { mid?: string; action?: string; emoji?: string; reaction?: string };
  delivery?: { mids?: string[]; watermark?: number };
  read?: { watermark?: number; mid?: string };
}

interface MessagingPayload {
  object?: string;
  entry?: { id?: string; time?: number; messaging?: MessagingEvent[]; changes?: CommentChange[] }[];
}

/** Attachment types whose bytes we copy into Files (their CDN URLs expire). */
const DOWNLOADED = new Set(['image', 'audio', 'video', 'file', 'sticker']);

function attachment(a: NonNullable<NonNullable<MessagingEvent['message']>['attachments']>[number]): InboundAttachment {
  const type = a.type ?? 'unknown';
  const url = a.payload?.url && /^https?:\/\//i.test(a.payload.url) ? a.payload.url : undefined;
  if (DOWNLOADED.has(type) && url) return { type: type as InboundAttachment['type'], url, ref: url };
  const c = a.payload?.coordinates;
  if (type === 'location' && c?.lat !== undefined && c.long !== undefined)
    return { type: 'location', url: mapsLink(c.lat, c.long), name: a.payload?.title ?? `${c.lat}, ${c.long}` };
  // Shares, reels, story mentions, fallbacks…: kept visible as a link with their kind, never dropped.
  return { type: 'unsupported', url, name: a.payload?.title ?? type };
}

function message(ev: MessagingEvent, senderId: string): InboundMessage | null {
  const m = ev.message!;
  if (m.is_echo) return null; // our own send (or a reply from Meta's inbox) coming back
  const attachments = (m.attachments ?? []).map(attachment);
  if (m.is_unsupported || (!m.text && attachments.length === 0)) attachments.push({ type: 'unsupported' });
  const meta: Record<string, unknown> = {};
  if (m.reply_to?.mid) meta.replyTo = m.reply_to.mid;
  if (m.reply_to?.story) meta.storyReply = m.reply_to.story;
  if (m.quick_reply?.payload) meta.interactive = { type: 'quick_reply', payload: m.quick_reply.payload };
  return {
    kind: 'message',
    providerMessageId: m.mid ?? `${senderId}:${ev.timestamp}`,
    sender: { externalId: senderId },
    text: m.text,
    attachments,
    timestamp: ev.timestamp ? new Date(ev.timestamp) : undefined,
    meta,
  };
}

function event(ev: MessagingEvent): InboundEvent[] {
  const senderId = ev.sender?.id;
  if (!senderId) return [];
  const at = ev.timestamp ? new Date(ev.timestamp) : undefined;
  if (ev.message) {
    const m = message(ev, senderId);
    return m ? [m] : [];
  }
  if (ev.postback) {
    // A tap on a button we sent: shown as the customer's answer, with its payload for automations.
    const p = ev.postback;
    return [
      {
        kind: 'message',
        providerMessageId: p.mid ?? `postback:${senderId}:${ev.timestamp}`,
        sender: { externalId: senderId },
        text: p.title,
        attachments: [],
        timestamp: at,
        meta: { interactive: { type: 'postback', payload: p.payload } },
      },
    ];
  }
  if (ev.reaction) {
    // Removing a reaction is not a message from the customer; adding one is shown with what it answers.
    const r = ev.reaction;
    if (r.action === 'unreact' || !r.mid) return [];
    return [
      {
        kind: 'message',
        providerMessageId: `reaction:${r.mid}:${senderId}:${ev.timestamp}`,
        sender: { externalId: senderId },
        text: r.emoji ?? r.reaction,
        attachments: [],
        timestamp: at,
        meta: { reaction: { to: r.mid, emoji: r.emoji ?? r.reaction } },
      },
    ];
  }
  if (ev.delivery) {
    const out: InboundEvent[] = (ev.delivery.mids ?? []).map((mid) => ({
      kind: 'status',
      providerMessageId: mid,
      status: 'delivered',
      timestamp: at,
    }));
    if (ev.delivery.watermark)
      out.push({
        kind: 'watermark',
        recipientExternalId: senderId,
        status: 'delivered',
        watermark: new Date(ev.delivery.watermark),
      });
    return out;
  }
  if (ev.read?.watermark)
    return [
      { kind: 'watermark', recipientExternalId: senderId, status: 'read', watermark: new Date(ev.read.watermark) },
    ];
  if (ev.read?.mid) return [{ kind: 'status', providerMessageId: ev.read.mid, status: 'read', timestamp: at }];
  return []; // opt-ins, referrals, handover: nothing for the inbox
}

/**
 * Messenger and Instagram webhooks → events (messages, postbacks, reactions, receipts, and comments on
 * our posts). With `ownId` (our page or Instagram account), events for
 * another account of the same Meta app are skipped, so they are not answered from the wrong channel.
 */
export function parseMessagingWebhook(raw: Buffer, ownId?: string): InboundEvent[] {
  const body = parseJsonBody<MessagingPayload>(raw);
  const out: InboundEvent[] = [];
  for (const entry of body.entry ?? []) {
    for (const ev of entry.messaging ?? []) {
      const ours = !ownId || entry.id === ownId || ev.recipient?.id === ownId || ev.sender?.id === ownId;
      if (ours) out.push(...event(ev));
    }
    // Comments on our posts (Page `feed`, Instagram `comments`): the entry is our page or account.
    if (ownId && entry.id !== ownId) continue;
    for (const change of entry.changes ?? []) {
      const m = commentMessage(change, ownId ?? entry.id, entry.time);
      if (m) out.push(m);
    }
  }
  return out;
}
