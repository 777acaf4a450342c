import { AppError } from '../../http/errors';
import { locationAttachment, readJsonWebhook } from '../webhook-body';
import type { InboundAttachment, InboundEvent, StatusUpdate, WebhookRequest } from '../types';
import { type ConversationsWebhook, conversationsWebhook } from './schema';

/**
 * MessageBird delivers three shapes to one URL: Conversations API JSON (`message.created/updated`),
 * legacy SMS inbound as a form POST, and legacy SMS status reports as a GET query.
 */
type Delivery = { kind: 'conversations'; body: ConversationsWebhook } | { kind: 'sms'; params: URLSearchParams };

export function readDelivery(req: WebhookRequest): Delivery {
  const raw = req.rawBody.toString('utf8');
  if (raw.trimStart().startsWith('{'))
    return {
      kind: 'conversations',
      body: readJsonWebhook(raw, conversationsWebhook, 'MessageBird Conversations webhook'),
    };
  const params = new URLSearchParams(raw || req.query);
  if (!params.get('id')) throw new AppError('invalid', 'invalid_payload', 'A MessageBird SMS delivery needs an id');
  return { kind: 'sms', params };
}

/** Message ids for messages; id plus status for status changes (each change is its own event). */
export function messagebirdEventId(req: WebhookRequest): string {
  const d = readDelivery(req);
  if (d.kind === 'conversations')
    return d.body.type === 'message.created' ? d.body.message.id : `${d.body.message.id}:${d.body.message.status}`;
  const status = d.params.get('status');
  return status ? `${d.params.get('id')}:${status}` : d.params.get('id')!;
}

const CONVERSATION_STATUS: Record<string, StatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  rejected: 'failed',
};
const SMS_STATUS: Record<string, StatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  delivery_failed: 'failed',
  expired: 'failed',
};

const phoneOf = (v: string | number | undefined) => (v === undefined ? undefined : `+${String(v).replace(/^\+/, '')}`);

function conversationsEvents(body: ConversationsWebhook): InboundEvent[] {
  const m = body.message;
  if (body.type === 'message.updated' || m.direction === 'sent') {
    const status = m.status ? CONVERSATION_STATUS[m.status] : undefined;
    if (body.type !== 'message.updated' || !status) return []; // our own message echoed, or a step we skip
    return [
      { kind: 'status', providerMessageId: m.id, status, ...(status === 'failed' ? { errorCode: m.status } : {}) },
    ];
  }
  if (body.type !== 'message.created') return [];
  const content = m.content ?? {};
  const attachments: InboundAttachment[] = [];
  for (const type of ['image', 'video', 'audio', 'file'] as const) {
    const item = content[type];
    // The media link needs the access key: fetched into Files by fetchMedia.
    if (item) attachments.push({ type, ref: item.url, url: item.url });
  }
  if (content.location) attachments.push(locationAttachment(content.location.latitude, content.location.longitude));
  const from = m.from ?? phoneOf(body.contact?.msisdn) ?? '';
  const phone = phoneOf(body.contact?.msisdn) ?? (/^\+\d+$/.test(from) ? from : undefined);
  const displayName = m.metadata?.sender?.displayName ?? body.contact?.displayName;
  return [
    {
      kind: 'message',
      providerMessageId: m.id,
      sender: {
        externalId: from,
        // MessageBird falls back to the number as display name: that is not a name.
        name: displayName && displayName.replace(/^\+/, '') !== phone?.replace(/^\+/, '') ? displayName : undefined,
        phone,
        identifiersVerified: phone !== undefined,
      },
      text: content.text ?? content.image?.caption ?? content.video?.caption ?? content.file?.caption,
      attachments,
      timestamp: m.createdDatetime ? new Date(m.createdDatetime) : undefined,
      meta: m.platform ? { platform: m.platform } : undefined,
    },
  ];
}

function smsEvents(params: URLSearchParams): InboundEvent[] {
  const id = params.get('id')!;
  const status = params.get('status');
  if (status) {
    const mapped = SMS_STATUS[status];
    if (!mapped) return [];
    const code = params.get('statusErrorCode') ?? status;
    return [
      {
        kind: 'status',
        providerMessageId: id,
        status: mapped,
        ...(mapped === 'failed'
          ? {
              errorCode: code,
              errorReason: params.get('statusReason') ?? status,
              // 103: the recipient opted out (sent STOP); replies are pointless until they write again.
              addressUnreachable: code === '103',
            }
          : {}),
      },
    ];
  }
  const originator = params.get('originator') ?? '';
  const created = params.get('createdDatetime');
  return [
    {
      kind: 'message',
      providerMessageId: id,
      sender: {
        externalId: originator,
        phone: phoneOf(originator),
        identifiersVerified: /^\+?\d{6,15}$/.test(originator),
      },
      text: params.get('body') ?? undefined,
      attachments: [],
      timestamp: created ? new Date(created) : undefined,
    },
  ];
}

export function parseMessagebirdWebhook(req: WebhookRequest): InboundEvent[] {
  const d = readDelivery(req);
  return d.kind === 'conversations' ? conversationsEvents(d.body) : smsEvents(d.params);
}
