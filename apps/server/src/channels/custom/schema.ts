import { z } from 'zod';

export const customConfigSchema = z.object({
  /** Where replies are POSTed. Optional: a channel may be inbound-only. */
  callbackUrl: z.url().optional(),
  /** HMAC-SHA256 key for both directions; generated when not given. */
  secret: z.string().min(16),
});
export type CustomConfig = z.infer<typeof customConfigSchema>;

/** The inbound body integrators POST to `/webhooks/custom/:channelId`. */
export const customInboundSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  sender: z.object({
    id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
    name: z.string().max(200).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(320).optional(),
  }),
  text: z.string().max(20_000).optional(),
  attachments: z
    .array(z.object({ url: z.url(), type: z.string().max(40), name: z.string().max(300).optional() }))
    .max(20)
    .optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});
export type CustomInbound = z.infer<typeof customInboundSchema>;
