import { messagingAdapter } from '../meta/adapter';
import { MESSENGER_TAGS } from '../meta/messaging-outbound';
import { PROFILE_FIELDS } from '../meta/profile';
import { type MessengerConfig, messengerConfigSchema } from './schema';

/** Facebook Messenger through a Page (Meta's Messenger Platform). */
export const messengerAdapter = messagingAdapter<MessengerConfig>({
  type: 'messenger',
  schema: messengerConfigSchema,
  token: (c) => c.pageAccessToken,
  ownId: (c) => c.pageId,
  sendPath: (c) => `${c.pageId}/messages`,
  profileFields: PROFILE_FIELDS.messenger,
  tags: MESSENGER_TAGS,
});
