import { z } from 'zod';

export const vonageConfigSchema = z
  .object({
    /** `sms`: the legacy SMS API (rest.nexmo.com); `messages`: Messages API v1 (SMS, WhatsApp, Viber…). */
    api: z.enum(['sms', 'messages']).default('sms'),
    apiKey: z.string().min(4),
    apiSecret: z.string().min(4),
    /** Signs webhooks: legacy `sig` (when set, unsigned requests are refused) and Messages API JWTs. */
    signatureSecret: z.string().min(8).optional(),
    /** The account's "signature method" setting for legacy SMS webhooks. */
    signatureMethod: z.enum(['md5hash', 'md5', 'sha1', 'sha256', 'sha512']).default('md5hash'),
    /** Messages API application: with `privateKey`, sends use an RS256 JWT instead of basic auth. */
    applicationId: z.string().optional(),
    privateKey: z.string().optional(),
    /** Our number (digits, no +) or alphanumeric sender id. */
    fromNumber: z.string().min(1).max(20),
    /** Defaults to rest.nexmo.com (sms) or api.nexmo.com (messages). */
    apiBaseUrl: z
      .string()
      .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  })
  .refine((c) => c.api === 'sms' || c.signatureSecret, {
    message: 'the Messages API signs every webhook: give signatureSecret',
    path: ['signatureSecret'],
  })
  .refine((c) => !c.privateKey || c.applicationId, {
    message: 'privateKey needs applicationId',
    path: ['applicationId'],
  });
export type VonageConfig = z.infer<typeof vonageConfigSchema>;

export const apiBaseOf = (c: VonageConfig) =>
  c.apiBaseUrl ?? (c.api === 'messages' ? 'https://api.nexmo.com' : 'https://rest.nexmo.com');
