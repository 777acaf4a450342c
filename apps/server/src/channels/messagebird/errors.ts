import { ChannelError } from '../types';

/**
 * Maps a REST/Conversations failure (`{"errors":[{"code","description","parameter"}]}`) to a
 * ChannelError: 429 and 5xx are retried; other 4xx (bad key, unknown recipient, no balance) are final.
 */
export function messagebirdError(status: number, text: string, retryAfter?: number): ChannelError {
  let first: { code?: number; description?: string; parameter?: string | null } | undefined;
  try {
    first = (JSON.parse(text) as { errors?: (typeof first)[] }).errors?.[0];
  } catch {
    // not JSON
  }
  const code = first?.code !== undefined ? String(first.code) : String(status);
  const reason =
    [first?.description, first?.parameter ? `(${first.parameter})` : ''].filter(Boolean).join(' ') ||
    text.slice(0, 300) ||
    `HTTP ${status}`;
  const retryable = status === 429 || status >= 500;
  return new ChannelError(code, reason, retryable, retryable ? retryAfter : undefined);
}
