import { ChannelError } from '../types';

/** Graph's error envelope: `{"error": {message, type, code, error_subcode, error_data: {details}, fbtrace_id}}`. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string };
}

/**
 * Throttling codes (courier's list plus Graph's app/page limits), with how long to wait: Graph call limits
 * are counted per rolling hour, so retrying in seconds only burns attempts; throughput (130429) and the
 * per-recipient pair limit (131056, about one message per 6 s) clear quickly.
 */
const THROTTLED: Record<number, number> = {
  4: 60,
  17: 60,
  32: 60,
  613: 60,
  80007: 60,
  130429: 5,
  131048: 60,
  131056: 10,
  133016: 60,
};

/** Transient on Meta's side: retried with the usual backoff. */
const TRANSIENT = new Set([1, 2, 131000, 131016, 131053]);

/** Refusals about the recipient rather than the message: the address is marked unreachable. */
const UNREACHABLE = new Set([551, 131026]);

const OUTSIDE_WINDOW_REASON =
  'Outside the 24-hour customer service window: the customer has to write first before free-form replies are accepted';

const isOutsideWindow = (e: GraphError) => e.code === 131047 || (e.code === 10 && e.error_subcode === 2018278);

/** The provider's own words, most specific first (Meta says to rely on `code` and `details`, not titles). */
function describe(e: GraphError, status: number): string {
  const details = e.error_data?.details;
  const message = e.message?.trim();
  if (details && message && !message.includes(details)) return `${message}: ${details}`.slice(0, 500);
  return (details ?? message ?? `HTTP ${status}`).slice(0, 500);
}

/** Maps a failed Graph call (HTTP status, body text, Retry-After) to a ChannelError. */
export function graphHttpError(status: number, body: string, retryAfter?: string | null): ChannelError {
  let e: GraphError = {};
  try {
    e = (JSON.parse(body) as { error?: GraphError }).error ?? {};
  } catch {
    // not JSON (a proxy's HTML page): fall back to the status
  }
  const code = e.code !== undefined ? String(e.code) : String(status);
  const reason = describe(e, status);
  const hinted = retryAfter ? Number.parseInt(retryAfter, 10) : Number.NaN;
  const wait = Number.isFinite(hinted) ? hinted : undefined;
  if (e.code !== undefined && e.code in THROTTLED)
    return new ChannelError(code, reason, true, wait ?? THROTTLED[e.code]);
  if (status === 429) return new ChannelError(code, reason, true, wait ?? 60);
  if (e.code !== undefined && isOutsideWindow(e))
    return new ChannelError(code, `${OUTSIDE_WINDOW_REASON} (${reason})`, false);
  if (e.code !== undefined && TRANSIENT.has(e.code)) return new ChannelError(code, reason, true, wait);
  if (e.code !== undefined && UNREACHABLE.has(e.code)) return new ChannelError(code, reason, false, undefined, true);
  return new ChannelError(code, reason, status >= 500 || status === 408, wait);
}

/** A WhatsApp `failed` status's `errors[]` → the code and reason shown to the agent. */
export function statusErrorText(
  errors: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[] | undefined,
) {
  const e = errors?.[0];
  if (!e) return { errorCode: undefined, errorReason: undefined };
  const title = e.title ?? e.message;
  const details = e.error_data?.details;
  const reason = title && details ? `${title}: ${details}` : (details ?? title);
  return { errorCode: e.code !== undefined ? String(e.code) : undefined, errorReason: reason?.slice(0, 500) };
}

export { OUTSIDE_WINDOW_REASON };
