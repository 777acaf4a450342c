import { chatMenuSchema } from '@charla/contracts/chat-menu';
import { z } from 'zod';
import { metaBaseConfig } from '../meta/config';

export const messengerConfigSchema = z.object({
  ...metaBaseConfig,
  pageAccessToken: z.string().min(10),
  pageId: z.string().regex(/^\d+$/, 'a numeric page id'),
  /** The page was granted Meta's human_agent permission: replies up to 7 days after the customer wrote. */
  humanAgentTag: z.boolean().default(false),
  /** The chat menu last pushed to Meta (Settings → Channels → Chat menus). */
  chatMenu: chatMenuSchema.optional(),
});
export type MessengerConfig = z.infer<typeof messengerConfigSchema>;
