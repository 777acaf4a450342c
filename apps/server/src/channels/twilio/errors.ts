import { ChannelError } from '../types';

/** Titles from Twilio's error catalogue for the codes a messaging integration meets most. */
const TITLES: Record<string, string> = {
  '21211': "Invalid 'To' phone number",
  '21408': 'Permission to send to this region is not enabled',
  '21606': "The 'From' number is not a valid, message-capable Twilio number",
  '21610': 'The recipient unsubscribed (replied STOP)',
  '21612': "The 'To' number is not currently reachable via SMS",
  '21614': "'To' number is not a valid mobile number",
  '30003': 'Unreachable destination handset',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error',
  '63016': 'Outside the WhatsApp 24-hour window: a template is required',
  '63018': 'Rate limit exceeded for the WhatsApp sender',
  '63024': 'Invalid WhatsApp recipient',
};

export const twilioErrorReason = (code: string | undefined, message?: string) =>
  message || (code && TITLES[code]) || (code ? `Twilio error ${code}` : 'Twilio reported a failure');

/** Twilio codes that say the recipient opted out: replies on the address are pointless until they write. */
const UNSUBSCRIBED = new Set(['21610']);

/**
 * Maps a Messages API failure (`{"code","message","more_info","status"}`) to a ChannelError: 429/20429
 * and 5xx are retried (honouring Retry-After); 21610 (STOP) is final and marks the address unreachable;
 * other 4xx (21211 invalid To, 21614, credentials) are final.
 */
export function twilioError(status: number, text: string, retryAfter?: number): ChannelError {
  let body: { code?: number; message?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: keep the status
  }
  const code = body.code !== undefined ? String(body.code) : String(status);
  const reason = twilioErrorReason(body.code !== undefined ? code : undefined, body.message) || `HTTP ${status}`;
  if (status === 429 || code === '20429') return new ChannelError(code, reason, true, retryAfter);
  if (status >= 500) return new ChannelError(code, reason, true, retryAfter);
  return new ChannelError(code, reason, false, undefined, UNSUBSCRIBED.has(code));
}
