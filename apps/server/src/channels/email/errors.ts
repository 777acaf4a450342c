import { ChannelError } from '../types';

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * Maps a nodemailer SMTP failure to a ChannelError with the server's own words: a 4xx reply or a
 * connection problem is transient (retried); a 5xx reply is final, and when it refuses the recipient
 * (RCPT with 5.1.x, "no such user") the address is unreachable. A refused login is final too: the
 * channel's credentials must be fixed.
 */
export function smtpError(err: unknown): ChannelError {
  const e = (err ?? {}) as SmtpFailure;
  const reason = (e.response ?? e.message ?? String(err)).trim().slice(0, 500);
  if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500)
    return new ChannelError(`smtp_${e.responseCode}`, reason, true);
  if (e.responseCode && e.responseCode >= 500) {
    const recipientRefused = e.command?.toUpperCase().startsWith('RCPT') && /\b5\.1\.\d+\b|^55[03]\b/.test(reason);
    return new ChannelError(`smtp_${e.responseCode}`, reason, false, undefined, Boolean(recipientRefused));
  }
  if (e.code === 'EAUTH') return new ChannelError('smtp_auth', reason, false);
  if (e.code && CONNECTION_CODES.has(e.code)) return new ChannelError('smtp_connection', reason, true);
  return new ChannelError(e.code ? `smtp_${e.code.toLowerCase()}` : 'smtp_error', reason, true);
}
