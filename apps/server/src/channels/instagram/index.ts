import { messagingAdapter } from '../meta/adapter';
import { INSTAGRAM_TAGS } from '../meta/messaging-outbound';
import { PROFILE_FIELDS } from '../meta/profile';
import { type InstagramConfig, instagramConfigSchema } from './schema';

/** Instagram Direct messages of a professional account; same envelope and Send API as Messenger. */
export const instagramAdapter = messagingAdapter<InstagramConfig>({
  type: 'instagram',
  schema: instagramConfigSchema,
  token: (c) => c.accessToken,
  ownId: (c) => c.instagramAccountId,
  // `me` is the Page (Facebook login) or the Instagram account (Instagram login), whichever owns the token.
  sendPath: () => 'me/messages',
  profileFields: PROFILE_FIELDS.instagram,
  tags: INSTAGRAM_TAGS,
  platform: 'instagram',
});
