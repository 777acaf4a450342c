import { z } from 'zod';

export const messagebirdConfigSchema = z
  .object({
    accessKey: z.string().min(10),
    /** Signs webhooks (MessageBird-Signature-JWT). */
    signingKey: z.string().min(10),
    /** Conversations API channel (WhatsApp, SMS…) to send from. */
    channelId: z
      .string()
      .regex(/^[0-9a-f-]{32,36}$/i)
      .optional(),
    /** Legacy SMS API sender (a number or an alphanumeric name), used when there is no channelId. */
    originator: z.string().min(1).max(17).optional(),
    /** Defaults to conversations.messagebird.com (channelId) or rest.messagebird.com (originator). */
    apiBaseUrl: z
      .string()
      .regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  })
  .refine((c) => c.channelId || c.originator, { message: 'give channelId or originator', path: ['channelId'] });
export type MessagebirdConfig = z.infer<typeof messagebirdConfigSchema>;

export const apiBaseOf = (c: MessagebirdConfig) =>
  c.apiBaseUrl ?? (c.channelId ? 'https://conversations.messagebird.com' : 'https://rest.messagebird.com');

const media = z.object({ url: z.string(), caption: z.string().optional() });

/** A Conversations API webhook (`message.created` / `message.updated`), the fields Charla reads. */
export const conversationsWebhook = z.object({
  type: z.string(),
  contact: z
    .object({
      msisdn: z.union([z.number(), z.string()]).optional(),
      displayName: z.string().optional(),
    })
    .optional(),
  message: z.object({
    id: z.string(),
    direction: z.string().optional(),
    status: z.string().optional(),
    platform: z.string().optional(),
    from: z.string().optional(),
    type: z.string().optional(),
    createdDatetime: z.string().optional(),
    content: z
      .object({
        text: z.string().optional(),
        image: media.optional(),
        video: media.optional(),
        audio: media.optional(),
        file: media.optional(),
        location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
      })
      .optional(),
    metadata: z.object({ sender: z.object({ displayName: z.string().optional() }).optional() }).optional(),
  }),
});
export type ConversationsWebhook = z.infer<typeof conversationsWebhook>;
