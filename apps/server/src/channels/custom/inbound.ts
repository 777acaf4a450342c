import { AppError } from '../../http/errors';
import type { InboundAttachment, InboundEvent, WebhookRequest } from '../types';
import { type CustomInbound, customInboundSchema } from './schema';

const attachmentType = (t: string): InboundAttachment['type'] => {
  const known = ['image', 'audio', 'video', 'file', 'sticker', 'location'] as const;
  return (known as readonly string[]).includes(t) ? (t as InboundAttachment['type']) : 'file';
};

export function parseCustomBody(raw: Buffer): CustomInbound {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('invalid', 'invalid_json', 'The body is not valid JSON');
  }
  const parsed = customInboundSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new AppError('invalid', 'invalid_payload', `Invalid custom-channel message: ${detail}`);
  }
  return parsed.data;
}

export function parseCustomWebhook(req: WebhookRequest): InboundEvent[] {
  const body = parseCustomBody(req.rawBody);
  return [
    {
      kind: 'message',
      providerMessageId: body.id,
      sender: {
        externalId: body.sender.id,
        name: body.sender.name,
        phone: body.sender.phone,
        email: body.sender.email,
        // The integrator relays what it was told; nothing proves it belongs to the sender.
        identifiersVerified: false,
      },
      text: body.text,
      // The integrator's URLs may expire, so the bytes are copied into Files (see fetchMedia).
      attachments: (body.attachments ?? []).map((a) => ({
        type: attachmentType(a.type),
        url: a.url,
        ref: a.url,
        name: a.name,
      })),
      timestamp: body.timestamp ? new Date(body.timestamp) : undefined,
    },
  ];
}
