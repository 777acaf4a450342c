import { AppError } from '../../http/errors';
import { sha256Hex } from '../../lib/crypto';
import type { InboundEvent } from '../types';

/** Parses a (verified) webhook body; a body that is not JSON is a 400, never a crash of the job. */
export function parseJsonBody<T>(raw: Buffer): T {
  try {
    return JSON.parse(raw.toString('utf8')) as T;
  } catch {
    throw new AppError('invalid', 'invalid_json', 'The body is not valid JSON');
  }
}

const eventKey = (e: InboundEvent) =>
  e.kind === 'message'
    ? e.providerMessageId
    : e.kind === 'status'
      ? `${e.providerMessageId}:${e.status}`
      : e.kind === 'watermark'
        ? `watermark:${e.recipientExternalId}:${e.status}:${e.watermark.getTime()}`
        : null;

/**
 * The id of one Meta delivery. A POST may batch several messages and statuses, so the id is built from
 * what it carries: one item keeps its natural key (the wamid/mid, or wamid:status as Meta advises), a
 * batch is a hash of its keys, and a body with nothing we handle is a hash of its bytes. Messages are
 * deduplicated again one by one by their unique (channel, provider id), so a batch redelivered in another
 * grouping is still stored once.
 */
export function metaDeliveryId(events: InboundEvent[], raw: Buffer): string {
  const keys = events.map(eventKey);
  // A template can go APPROVED → PAUSED → APPROVED: no natural key, but Meta's retries repeat the bytes.
  if (keys.some((k) => k === null)) return `body:${sha256Hex(raw)}`;
  if (keys.length === 1) return keys[0]!;
  if (keys.length > 1) return `batch:${sha256Hex(keys.join('\n'))}`;
  return `body:${sha256Hex(raw)}`;
}
