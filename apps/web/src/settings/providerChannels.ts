import { api } from '../api/client';
import type { Channel } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export type ProviderType = 'telegram' | 'twilio' | 'vonage' | 'messagebird';

export interface ProviderField {
  key: string;
  required?: boolean;
  /** Shown as a password input (credentials). */
  secret?: boolean;
  multiline?: boolean;
  options?: string[];
}

/** The configuration keys each provider's adapter accepts (see the README's channel section). */
export const PROVIDER_FIELDS: Record<ProviderType, ProviderField[]> = {
  telegram: [{ key: 'botToken', required: true, secret: true }],
  twilio: [
    { key: 'accountSid', required: true },
    { key: 'authToken', required: true, secret: true },
    { key: 'fromNumber' },
    { key: 'messagingServiceSid' },
  ],
  vonage: [
    { key: 'api', options: ['sms', 'messages'] },
    { key: 'apiKey', required: true },
    { key: 'apiSecret', required: true, secret: true },
    { key: 'fromNumber', required: true },
    { key: 'signatureSecret', secret: true },
    { key: 'signatureMethod', options: ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] },
    { key: 'applicationId' },
    { key: 'privateKey', secret: true, multiline: true },
  ],
  messagebird: [
    { key: 'accessKey', required: true, secret: true },
    { key: 'signingKey', required: true, secret: true },
    { key: 'channelId' },
    { key: 'originator' },
  ],
};

export const PROVIDER_TYPES = Object.keys(PROVIDER_FIELDS) as ProviderType[];

/** Creates the channel; empty optional fields are left out so the server applies its defaults. */
export function createProviderChannel(slug: string, type: ProviderType, name: string, values: Record<string, string>) {
  const config = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
  return api.post<{ channel: Channel }>(`${workspacePath(slug)}/channels`, { type, name, config });
}
