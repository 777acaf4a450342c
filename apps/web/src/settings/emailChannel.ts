import { api } from '../api/client';
import type { Channel } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export type EmailMode = 'imap' | 'gmail';

/** The form's values (strings, as typed; checkboxes as booleans). */
export interface EmailFormValues {
  mode: EmailMode;
  imapHost: string;
  imapPort: string;
  imapSecure: boolean;
  imapUser: string;
  imapPass: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPass: string;
  fromAddress: string;
  fromName: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  gmailUser: string;
}

export const EMPTY_EMAIL_FORM: EmailFormValues = {
  mode: 'imap',
  imapHost: '',
  imapPort: '993',
  imapSecure: true,
  imapUser: '',
  imapPass: '',
  smtpHost: '',
  smtpPort: '465',
  smtpSecure: true,
  smtpUser: '',
  smtpPass: '',
  fromAddress: '',
  fromName: '',
  clientId: '',
  clientSecret: '',
  refreshToken: '',
  gmailUser: '',
};

const optional = (v: string) => (v.trim() ? v.trim() : undefined);

/**
 * The channel configuration the server's email adapter takes (see the README's email section). Empty
 * SMTP credentials reuse the IMAP ones (most mailboxes have a single login).
 */
export function emailConfigOf(v: EmailFormValues): Record<string, unknown> {
  if (v.mode === 'gmail')
    return {
      provider: 'gmail',
      clientId: v.clientId.trim(),
      clientSecret: v.clientSecret.trim(),
      refreshToken: v.refreshToken.trim(),
      user: v.gmailUser.trim(),
      fromName: optional(v.fromName),
    };
  return {
    imap: {
      host: v.imapHost.trim(),
      port: Number(v.imapPort),
      secure: v.imapSecure,
      user: v.imapUser,
      pass: v.imapPass,
    },
    smtp: {
      host: v.smtpHost.trim(),
      port: Number(v.smtpPort),
      secure: v.smtpSecure,
      user: v.smtpUser || v.imapUser,
      pass: v.smtpPass || v.imapPass,
    },
    fromAddress: v.fromAddress.trim() || v.imapUser.trim(),
    fromName: optional(v.fromName),
  };
}

export const testEmailConnection = (slug: string, config: Record<string, unknown>) =>
  api.post<{ ok: true }>(`${workspacePath(slug)}/channels/test-connection`, { type: 'email', config });

export const createEmailChannel = (slug: string, name: string, config: Record<string, unknown>) =>
  api.post<{ channel: Channel }>(`${workspacePath(slug)}/channels`, { type: 'email', name, config });
