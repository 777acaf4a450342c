import { z } from 'zod';
import { locationAttachment, readJsonWebhook } from '../webhook-body';
import type { InboundAttachment, InboundEvent, StatusUpdate, WebhookRequest } from '../types';
import { vonageReceiptFailure } from './errors';

const media = z.object({ url: z.string(), caption: z.string().optional(), name: z.string().optional() });
const payload = z.object({
  message_uuid: z.string(),
  from: z.string().optional(),
  channel: z.string().optional(),
  timestamp: z.string().optional(),
  message_type: z.string().optional(),
  text: z.string().optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  file: media.optional(),
  location: z.object({ lat: z.number(), long: z.number() }).optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
  status: z.string().optional(),
  error: z
    .object({
      type: z.string().optional(),
      title: z.union([z.string(), z.number()]).optional(),
      detail: z.string().optional(),
    })
    .optional(),
});
type Payload = z.infer<typeof payload>;

const read = (req: WebhookRequest): Payload => readJsonWebhook(req.rawBody, payload, 'Vonage Messages API webhook');

/** Inbound messages have a message_type; status webhooks a status. */
export function vonageMessagesEventId(req: WebhookRequest): string {
  const p = read(req);
  return p.status && !p.message_type ? `${p.message_uuid}:${p.status}` : p.message_uuid;
}

const STATUS: Record<string, StatusUpdate['status']> = {
  submitted: 'sent',
  delivered: 'delivered',
  read: 'read',
  rejected: 'failed',
  undeliverable: 'failed',
  failed: 'failed',
};

/**
 * The address keeps the channel when it is not SMS (`whatsapp:573005550103`), so a reply goes out on
 * the channel the contact wrote from.
 */
export const addressOf = (channel: string | undefined, from: string) =>
  !channel || channel === 'sms' ? from : `${channel}:${from}`;

export function parseVonageMessages(req: WebhookRequest): InboundEvent[] {
  const p = read(req);
  if (p.status && !p.message_type) {
    const status = STATUS[p.status];
    if (!status) return [];
    return [
      {
        kind: 'status',
        providerMessageId: p.message_uuid,
        status,
        ...(status === 'failed'
          ? vonageReceiptFailure(
              'messages',
              // `type` ends in the code (`…messages-olympus#1240`); `title` repeats it in some payloads.
              /#(\d+)$/.exec(p.error?.type ?? '')?.[1] ?? String(p.error?.title ?? p.status),
              p.error?.detail,
            )
          : {}),
      },
    ];
  }
  const from = p.from ?? '';
  const attachments: InboundAttachment[] = [];
  for (const type of ['image', 'audio', 'video', 'file'] as const) {
    const item = p[type];
    if (item) attachments.push({ type, ref: item.url, url: item.url, name: item.name });
  }
  if (p.location) attachments.push(locationAttachment(p.location.lat, p.location.long));
  // SMS, WhatsApp, MMS and Viber senders are phone numbers the provider saw; Messenger ids are not.
  const isPhone = /^\d{6,15}$/.test(from) && p.channel !== 'messenger';
  return [
    {
      kind: 'message',
      providerMessageId: p.message_uuid,
      sender: {
        externalId: addressOf(p.channel, from),
        name: p.profile?.name,
        phone: isPhone ? `+${from}` : undefined,
        identifiersVerified: isPhone,
      },
      text: p.text ?? p.image?.caption ?? p.video?.caption ?? p.file?.caption,
      attachments,
      timestamp: p.timestamp ? new Date(p.timestamp) : undefined,
      meta: p.channel ? { channel: p.channel } : undefined,
    },
  ];
}
