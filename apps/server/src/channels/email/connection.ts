import { ChannelError, type NetworkPolicy } from '../types';
import { imapClient, smtpTransport } from './client';
import { smtpError } from './errors';
import type { EmailConfig } from './schema';
import { checkMailServers } from './target';

interface ImapFailure {
  authenticationFailed?: boolean;
  responseText?: string;
  code?: string;
  message?: string;
}

/** An IMAP failure as a ChannelError with the server's words (a refused login is final). */
export function imapError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = (err ?? {}) as ImapFailure;
  const reason = (e.responseText ?? e.message ?? String(err)).slice(0, 500);
  if (e.authenticationFailed) return new ChannelError('imap_auth', `IMAP login refused: ${reason}`, false);
  return new ChannelError(e.code ? `imap_${e.code.toLowerCase()}` : 'imap_error', `IMAP: ${reason}`, true);
}

/**
 * Logs into both servers the way the poller and the sender will, and reports the first refusal with
 * the server's own message (wrong password, unknown host, TLS on a plain port…). Only servers that pass
 * the network policy are contacted (see target.ts).
 */
export async function testEmailConnection(config: EmailConfig, policy: NetworkPolicy): Promise<void> {
  const targets = await checkMailServers(config, policy.allowPrivateHosts);
  const imap = await imapClient(config, { target: targets.imap });
  imap.on('error', () => {}); // reported through the awaited call
  try {
    await imap.connect();
    await imap.mailboxOpen('INBOX', { readOnly: true });
  } catch (err) {
    throw imapError(err);
  } finally {
    await imap.logout().catch(() => imap.close());
  }
  const smtp = await smtpTransport(config, { target: targets.smtp });
  try {
    await smtp.verify();
  } catch (err) {
    const e = smtpError(err);
    throw new ChannelError(e.code, `SMTP: ${e.reason}`, e.retryable);
  } finally {
    smtp.close();
  }
}
