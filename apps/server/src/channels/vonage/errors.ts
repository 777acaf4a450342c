import { ChannelError } from '../types';

/**
 * Legacy /sms/json answers HTTP 200 even on failure, with a `status` per message part. 1 (throttled)
 * and 5 (internal error) are retried; 7 (number barred) and 33 (number de-activated) are about the
 * recipient; the rest (credentials, demo-account whitelist, invalid params) are final.
 */
export function vonageSmsError(status: string, errorText: string | undefined): ChannelError {
  const reason = errorText || `Vonage SMS status ${status}`;
  if (status === '1') {
    const waitMs = Number(/\[\s*(\d+)\s*\]/.exec(reason)?.[1]);
    return new ChannelError(status, reason, true, Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 1);
  }
  if (status === '5') return new ChannelError(status, reason, true);
  return new ChannelError(status, reason, false, undefined, status === '7' || status === '33');
}

/** Messages API errors are RFC 7807 bodies (`type`, `title`, `detail`); the code is the `#NNNN` of `type`. */
export function vonageMessagesError(httpStatus: number, text: string, retryAfter?: number): ChannelError {
  let body: { type?: string; title?: string; detail?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON
  }
  const code = /#(\d+)$/.exec(body.type ?? '')?.[1] ?? String(httpStatus);
  const reason = [body.title, body.detail].filter(Boolean).join(': ') || text.slice(0, 300) || `HTTP ${httpStatus}`;
  const retryable = httpStatus === 429 || httpStatus >= 500;
  return new ChannelError(code, reason, retryable, retryable ? retryAfter : undefined);
}
