import { ChannelError } from '../types';

/**
 * Maps the integrator's HTTP answer to a ChannelError: 429 and 5xx are retried, other 4xx are final, and
 * 410 also marks the recipient's address unreachable.
 */
export function customHttpError(status: number, body: string, retryAfter: string | null): ChannelError {
  let reason = body.slice(0, 500);
  try {
    const json = JSON.parse(body) as { message?: unknown; error?: unknown };
    const msg = json.message ?? json.error;
    if (typeof msg === 'string') reason = msg.slice(0, 500);
  } catch {
    // plain-text body: keep it
  }
  if (!reason) reason = `HTTP ${status}`;
  if (status === 429) {
    const seconds = retryAfter ? Number.parseInt(retryAfter, 10) : Number.NaN;
    return new ChannelError('429', reason, true, Number.isFinite(seconds) ? seconds : undefined);
  }
  // 410 Gone: the recipient is gone for good (blocked us, deleted their account).
  return new ChannelError(String(status), reason, status >= 500 || status === 408, undefined, status === 410);
}
