import { isIP } from 'node:net';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import { jsonOf, providerRequest } from '../provider-http';
import { ChannelError } from '../types';
import type { EmailConfig, GmailConfig } from './schema';
import type { MailTarget } from './target';

const TIMEOUT_MS = 20_000;

// Access tokens live about an hour; keep each refresh token's current one until shortly before it expires.
const tokens = new Map<string, { token: string; until: number }>();

/**
 * A Gmail access token from the refresh token (`POST {oauthBaseUrl}/token`, grant_type=refresh_token).
 * A refused refresh token (`invalid_grant`: revoked, expired) is permanent; anything else is retried.
 */
export async function gmailAccessToken(config: GmailConfig, opts: { fresh?: boolean } = {}): Promise<string> {
  const key = `${config.oauthBaseUrl}|${config.clientId}|${config.refreshToken}`;
  const cached = tokens.get(key);
  if (cached && !opts.fresh && cached.until > Date.now()) return cached.token;
  const res = await providerRequest(`${config.oauthBaseUrl}/token`, {
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      refresh_token: config.refreshToken,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const body = jsonOf<{ access_token?: string; expires_in?: number; error?: string; error_description?: string }>(
    res.text,
  );
  if (res.status !== 200 || !body?.access_token) {
    const reason = body?.error_description ?? body?.error ?? `HTTP ${res.status}`;
    throw new ChannelError(
      body?.error ?? `oauth_${res.status}`,
      `Google refused the token refresh: ${reason}`,
      res.status >= 500,
    );
  }
  const lifetime = (body.expires_in ?? 3600) * 1000;
  tokens.set(key, { token: body.access_token, until: Date.now() + lifetime - 60_000 });
  return body.access_token;
}

/** How often a watching connection re-issues IDLE (servers drop it after 30 minutes, NAT boxes sooner). */
const IDLE_RESTART_MS = 4 * 60_000;

/**
 * An IMAP client for the channel's mailbox (password or XOAUTH2), not yet connected. `watch`: the
 * connection sits in IDLE whenever it is not busy (NOOP polling on servers without IDLE) and emits
 * `exists` when mail arrives.
 */
export async function imapClient(
  config: EmailConfig,
  opts: { watch?: boolean; target?: MailTarget } = {},
): Promise<ImapFlow> {
  const auth: ImapFlowOptions['auth'] =
    config.provider === 'gmail'
      ? { user: config.user, accessToken: await gmailAccessToken(config) }
      : { user: config.imap.user, pass: config.imap.pass };
  return new ImapFlow({
    // A checked target: connect to the address that was checked, verify the certificate for the name.
    host: opts.target?.address ?? config.imap.host,
    ...(opts.target && !isIP(opts.target.servername) ? { servername: opts.target.servername } : {}),
    port: config.imap.port,
    secure: config.imap.secure,
    auth,
    logger: false,
    ...(opts.watch
      ? {
          disableAutoIdle: false,
          autoIdleDelay: 1000,
          maxIdleTime: IDLE_RESTART_MS,
          missingIdleCommand: 'NOOP' as const,
        }
      : { disableAutoIdle: true }),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
    // Gmail asks clients to identify themselves (ID, RFC 2971).
    clientInfo: { name: 'Charla' },
  });
}

/** A nodemailer SMTP transport for the channel (password or XOAUTH2); `target` as in imapClient. */
export async function smtpTransport(config: EmailConfig, opts: { target?: MailTarget } = {}): Promise<Transporter> {
  const auth =
    config.provider === 'gmail'
      ? { type: 'OAuth2' as const, user: config.user, accessToken: await gmailAccessToken(config) }
      : { user: config.smtp.user, pass: config.smtp.pass };
  return nodemailer.createTransport({
    host: opts.target?.address ?? config.smtp.host,
    ...(opts.target && !isIP(opts.target.servername) ? { tls: { servername: opts.target.servername } } : {}),
    port: config.smtp.port,
    secure: config.smtp.secure,
    auth,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 60_000,
  });
}
