import type { Attachment, ParsedMail } from 'mailparser';
import type { StatusUpdate } from '../types';
import { messageIdsIn } from './headers';

/** `Field: value` pairs of a delivery-status block (RFC 3464), per-recipient groups flattened. */
function dsnFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = line.match(/^([A-Za-z-]+):\s*(.*)$/);
    if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return fields;
}

const isPart = (a: Attachment, ...types: string[]) => types.includes(a.contentType.toLowerCase());

/** Is this a delivery status notification (`multipart/report; report-type=delivery-status`)? */
export function isDeliveryReport(mail: ParsedMail): boolean {
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return (
    ct?.value?.toLowerCase() === 'multipart/report' && ct.params?.['report-type']?.toLowerCase() === 'delivery-status'
  );
}

/**
 * Reads a DSN: when it reports a failed delivery (`Action: failed`) of a message whose Message-ID it
 * quotes, returns that message's failure with the server's diagnostic. A permanent failure (status
 * 5.x.x) means the address cannot receive mail. Delays (`Action: delayed`) and reports without the
 * original's id give nothing.
 */
export function bounceStatus(mail: ParsedMail): StatusUpdate | null {
  const report = mail.attachments.find((a) => isPart(a, 'message/delivery-status', 'message/global-delivery-status'));
  if (!report) return null;
  const fields = dsnFields(report.content.toString('utf8'));
  if (fields.get('action')?.toLowerCase() !== 'failed') return null;
  const original = mail.attachments.find((a) =>
    isPart(a, 'message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'),
  );
  const headers = original ? dsnFields(original.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '') : null;
  const originalId = messageIdsIn(headers?.get('message-id'))[0];
  if (!originalId) return null;
  const status = fields.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? '5.0.0';
  const diagnostic = fields.get('diagnostic-code')?.replace(/^smtp;\s*/i, '');
  const recipient = fields.get('final-recipient')?.replace(/^rfc822;\s*/i, '');
  return {
    kind: 'status',
    providerMessageId: originalId,
    status: 'failed',
    errorCode: status,
    errorReason: (diagnostic ?? `Delivery to ${recipient ?? 'the recipient'} failed (${status})`).slice(0, 500),
    addressUnreachable: status.startsWith('5.'),
    timestamp: mail.date,
  };
}
