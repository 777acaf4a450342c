import { chatMenuSchema } from '@charla/contracts/chat-menu';
import { z } from 'zod';
import { metaBaseConfig } from '../meta/config';

/**
 * Instagram messaging. With Facebook login (a Page linked to the account) `accessToken` is the Page's
 * token and `apiBaseUrl` the default graph.facebook.com; with Instagram login it is the Instagram user
 * token and `apiBaseUrl` is `https://graph.instagram.com/<version>`.
 */
export const instagramConfigSchema = z.object({
  ...metaBaseConfig,
  accessToken: z.string().min(10),
  instagramAccountId: z.string().regex(/^\d+$/, 'a numeric Instagram account id'),
  humanAgentTag: z.boolean().default(false),
  /** The chat menu last pushed to Meta (Settings → Channels → Chat menus). */
  chatMenu: chatMenuSchema.optional(),
});
export type InstagramConfig = z.infer<typeof instagramConfigSchema>;
