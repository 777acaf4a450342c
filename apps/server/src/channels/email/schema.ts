import { z } from 'zod';
import { providerBaseUrl } from '../provider-http';

const port = z.coerce.number().int().min(1).max(65535);

/** One mail server (IMAP or SMTP) reached with a password. `secure`: TLS from the first byte (993, 465). */
const passwordServer = z.object({
  host: z.string().trim().min(1),
  port,
  secure: z.boolean().default(true),
  user: z.string().min(1),
  pass: z.string().min(1),
});

/** A Gmail server override (tests, Workspace relays): the credentials come from OAuth2. */
const oauthServer = z.object({ host: z.string().trim().min(1), port, secure: z.boolean().default(true) });

/** A mailbox reached by IMAP (inbound) and SMTP (outbound) with passwords. */
export const imapSmtpConfigSchema = z.object({
  provider: z.literal('imap').default('imap'),
  imap: passwordServer,
  smtp: passwordServer,
  fromAddress: z.email(),
  fromName: z.string().trim().max(200).optional(),
});

/** Gmail (or Google Workspace) over IMAP/SMTP with SASL XOAUTH2 and a refresh token. */
export const gmailConfigSchema = z.object({
  provider: z.literal('gmail'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  user: z.email(),
  fromAddress: z.email().optional(),
  fromName: z.string().trim().max(200).optional(),
  /** Google's OAuth2 token endpoint base (`{oauthBaseUrl}/token`). */
  oauthBaseUrl: providerBaseUrl('https://oauth2.googleapis.com'),
  imap: oauthServer.default({ host: 'imap.gmail.com', port: 993, secure: true }),
  smtp: oauthServer.default({ host: 'smtp.gmail.com', port: 465, secure: true }),
});

export const emailConfigSchema = z.union([gmailConfigSchema, imapSmtpConfigSchema]);
export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type GmailConfig = z.infer<typeof gmailConfigSchema>;

/** The address our mail goes out from. */
export const fromAddressOf = (config: EmailConfig) =>
  config.provider === 'gmail' ? (config.fromAddress ?? config.user) : config.fromAddress;
