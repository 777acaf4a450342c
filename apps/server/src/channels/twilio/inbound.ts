import type { InboundAttachment, InboundEvent, StatusUpdate, WebhookRequest } from '../types';
import { twilioErrorReason } from './errors';

export const formOf = (req: WebhookRequest) => new URLSearchParams(req.rawBody.toString('utf8'));

/** Status callbacks carry MessageStatus; inbound messages do not. Each status of a message is one event. */
export function twilioEventId(req: WebhookRequest): string {
  const form = formOf(req);
  const sid = form.get('MessageSid') ?? form.get('SmsSid') ?? '';
  const status = form.get('MessageStatus');
  return status ? `${sid}:${status}` : sid;
}

const STATUS: Record<string, StatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
};

function attachmentType(mime: string | null): InboundAttachment['type'] {
  const top = mime?.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

/** An inbound SMS/MMS/WhatsApp message or a status callback, as Twilio form-posts them. */
export function parseTwilioWebhook(req: WebhookRequest): InboundEvent[] {
  const form = formOf(req);
  const sid = form.get('MessageSid') ?? form.get('SmsSid');
  if (!sid) return [];
  const messageStatus = form.get('MessageStatus');
  if (messageStatus) {
    // queued/sending/accepted/scheduled say nothing the agent needs.
    const status = STATUS[messageStatus];
    if (!status) return [];
    const errorCode = form.get('ErrorCode') ?? undefined;
    return [
      {
        kind: 'status',
        providerMessageId: sid,
        status,
        ...(status === 'failed'
          ? {
              errorCode: errorCode ?? messageStatus,
              errorReason: twilioErrorReason(errorCode, form.get('ErrorMessage') ?? undefined),
              // The recipient replied STOP: the address stays unreachable until they write again.
              addressUnreachable: errorCode === '21610',
            }
          : {}),
      },
    ];
  }
  const from = form.get('From') ?? '';
  const attachments: InboundAttachment[] = [];
  const numMedia = Math.min(Number.parseInt(form.get('NumMedia') ?? '0', 10) || 0, 10);
  for (let i = 0; i < numMedia; i++) {
    const url = form.get(`MediaUrl${i}`);
    const mime = form.get(`MediaContentType${i}`);
    // The media URL may need the account's credentials: fetched into Files by fetchMedia.
    if (url) attachments.push({ type: attachmentType(mime), ref: url, mime: mime ?? undefined });
  }
  const meta: Record<string, unknown> = {};
  if (form.get('ButtonPayload')) meta.buttonPayload = form.get('ButtonPayload');
  return [
    {
      kind: 'message',
      providerMessageId: sid,
      sender: {
        // Replies go to the same address, prefix included (`whatsapp:+…`).
        externalId: from,
        phone: from.replace(/^whatsapp:/, ''),
        name: form.get('ProfileName') ?? undefined,
        // Twilio saw the message come from this number.
        identifiersVerified: true,
      },
      text: form.get('Body') || undefined,
      attachments,
      meta: Object.keys(meta).length > 0 ? meta : undefined,
    },
  ];
}
