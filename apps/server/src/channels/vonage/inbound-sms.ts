import { AppError } from '../../http/errors';
import { type InboundEvent, partEventId, type StatusUpdate, type WebhookRequest } from '../types';
import { vonageReceiptFailure } from './errors';
import { paramsOf } from './params';

const DLR_STATUS: Record<string, StatusUpdate['status']> = {
  delivered: 'delivered',
  expired: 'failed',
  failed: 'failed',
  rejected: 'failed',
};

/** Parts of one long SMS share the sender and `concat-ref`. */
const concatOf = (p: URLSearchParams) =>
  p.get('concat') === 'true'
    ? {
        group: `${p.get('msisdn')}:${p.get('concat-ref')}:${p.get('concat-total')}`,
        index: Number(p.get('concat-part')),
        total: Number(p.get('concat-total')),
      }
    : undefined;

const isReceipt = (p: URLSearchParams) =>
  p.has('status') && (p.has('err-code') || p.has('network-code') || p.has('scts'));

export function vonageSmsEventId(req: WebhookRequest): string {
  const p = paramsOf(req);
  const id = p.get('messageId') ?? p.get('message-id');
  if (!id) throw new AppError('invalid', 'invalid_payload', 'A Vonage SMS webhook needs a messageId');
  if (isReceipt(p)) return `${id}:${p.get('status')}`;
  const part = concatOf(p);
  return part ? partEventId(part.group, part.index, id) : id;
}

/** An inbound SMS (or one part of a long one) or a delivery receipt. */
export function parseVonageSms(req: WebhookRequest): InboundEvent[] {
  const p = paramsOf(req);
  const id = p.get('messageId') ?? p.get('message-id') ?? '';
  if (isReceipt(p)) {
    const status = DLR_STATUS[p.get('status') ?? ''];
    if (!status) return []; // accepted/buffered/unknown: still on its way
    // "0" means no error: a receipt without a code is named by its status (expired, rejected…).
    const errCode = p.get('err-code') && p.get('err-code') !== '0' ? p.get('err-code')! : '';
    return [
      {
        kind: 'status',
        providerMessageId: id,
        status,
        ...(status === 'failed'
          ? vonageReceiptFailure(
              'sms',
              errCode || p.get('status')!,
              errCode ? undefined : `Delivery ${p.get('status')}`,
            )
          : {}),
      },
    ];
  }
  const msisdn = p.get('msisdn') ?? '';
  const part = concatOf(p);
  const stamp = p.get('message-timestamp');
  return [
    {
      kind: 'message',
      providerMessageId: id,
      // Vonage saw the SMS come from this number.
      sender: { externalId: msisdn, phone: `+${msisdn}`, identifiersVerified: /^\d{6,15}$/.test(msisdn) },
      text: p.get('text') ?? undefined,
      attachments: [],
      timestamp: stamp ? new Date(`${stamp.replace(' ', 'T')}Z`) : undefined,
      ...(part && Number.isInteger(part.index) && part.total > 1 ? { part } : {}),
    },
  ];
}
