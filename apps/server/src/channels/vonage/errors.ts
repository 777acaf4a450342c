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

/**
 * Delivery-receipt `err-code`s (legacy SMS API) that say the recipient cannot be written to: 9 is how
 * Vonage reports a number that replied STOP (its opt-out list); 3 and 4 are numbers Vonage says to
 * remove. Replies are refused until the contact writes again.
 */
const DLR_UNREACHABLE: Record<string, string> = {
  '3': 'The number is no longer active (absent subscriber, permanent)',
  '4': 'The recipient barred incoming messages',
  '9': 'The recipient opted out (replied STOP)',
};

/** The Messages API's asynchronous codes with the same meaning (1240 = STOP, 1050 = barred, 1190 = gone). */
const MESSAGES_UNREACHABLE: Record<string, string> = {
  '1050': 'The number is barred from receiving messages',
  '1190': 'The number is no longer active (absent subscriber, permanent)',
  '1240': 'The recipient opted out (replied STOP)',
};

/**
 * A failed receipt as a status's error fields: the provider's own words when it gave some, else what
 * the code means; a code from the lists above also marks the address unreachable.
 */
export function vonageReceiptFailure(api: 'sms' | 'messages', code: string, providerReason?: string) {
  const unreachable = (api === 'sms' ? DLR_UNREACHABLE : MESSAGES_UNREACHABLE)[code];
  return {
    errorCode: code,
    errorReason: providerReason || unreachable || `Vonage delivery failed (error ${code})`,
    addressUnreachable: unreachable !== undefined,
  };
}
