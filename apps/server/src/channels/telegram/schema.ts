import { z } from 'zod';
import { providerBaseUrl } from '../provider-http';

export const telegramConfigSchema = z.object({
  botToken: z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-DEF… (from @BotFather)'),
  apiBaseUrl: providerBaseUrl('https://api.telegram.org'),
  /** Sent to setWebhook as `secret_token`; Telegram echoes it on every delivery. Generated. */
  secretToken: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

const user = z.object({
  id: z.number(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const chat = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const file = z.object({
  file_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});
const inlineButton = z.object({ text: z.string(), callback_data: z.string().optional() });

export const telegramMessage = z.object({
  message_id: z.number(),
  from: user.optional(),
  chat,
  date: z.number(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: z.string(), file_size: z.number().optional() })).optional(),
  document: file.optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  sticker: z.object({ file_id: z.string(), emoji: z.string().optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z
    .object({
      phone_number: z.string(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      user_id: z.number().optional(),
    })
    .optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(inlineButton)) }).optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessage>;

/** The parts of a Bot API `Update` Charla reads; other update kinds are accepted and ignored. */
export const telegramUpdate = z.object({
  update_id: z.number(),
  message: telegramMessage.optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: user,
      message: telegramMessage.optional(),
      data: z.string().optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdate>;
