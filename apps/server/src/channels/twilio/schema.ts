import { z } from 'zod';
import { providerBaseUrl } from '../provider-http';

export const twilioConfigSchema = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be your Account SID (AC…)'),
    /** Signs webhooks (X-Twilio-Signature) and authenticates API calls. */
    authToken: z.string().min(16),
    /** Our number, E.164 (`+14155238886`); WhatsApp senders may be written with or without `whatsapp:`. */
    fromNumber: z
      .string()
      .regex(/^(whatsapp:)?\+\d{6,15}$/, 'must be an E.164 number such as +14155238886')
      .optional(),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID (MG…)')
      .optional(),
    apiBaseUrl: providerBaseUrl('https://api.twilio.com'),
  })
  .refine((c) => c.fromNumber || c.messagingServiceSid, {
    message: 'give fromNumber or messagingServiceSid',
    path: ['fromNumber'],
  });
export type TwilioConfig = z.infer<typeof twilioConfigSchema>;
