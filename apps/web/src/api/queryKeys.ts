import type { InboxQuery } from '../messages/useInboxFilters';

/** Every react-query key of the app, so that realtime updates and mutations hit the right caches. */
export const queryKeys = {
  me: ['me'] as const,
  workspace: (slug: string) => ['w', slug] as const,
  conversationLists: (slug: string) => ['w', slug, 'conversations'] as const,
  conversationList: (slug: string, query: InboxQuery) => ['w', slug, 'conversations', 'list', query] as const,
  unreadCounts: (slug: string) => ['w', slug, 'conversations', 'unread'] as const,
  comments: (slug: string, conversationId: number) => ['w', slug, 'comments', conversationId] as const,
  templates: (slug: string, channelId: number) => ['w', slug, 'templates', channelId] as const,
  replyChannels: (slug: string, conversationId: number) => ['w', slug, 'reply-channels', conversationId] as const,
  notifications: (slug: string) => ['w', slug, 'notifications'] as const,
  snippets: (slug: string) => ['w', slug, 'snippets'] as const,
  tags: (slug: string) => ['w', slug, 'tags'] as const,
  teams: (slug: string) => ['w', slug, 'teams'] as const,
  settings: (slug: string) => ['w', slug, 'settings'] as const,
  conversation: (slug: string, id: number) => ['w', slug, 'conversation', id] as const,
  messages: (slug: string, conversationId: number) => ['w', slug, 'messages', conversationId] as const,
  contacts: (slug: string, search: string) => ['w', slug, 'contacts', search] as const,
  /** Everything about one contact (details, timeline, suggestions, merges) starts with this. */
  contact: (slug: string, id: number) => ['w', slug, 'contact', id] as const,
  contactActivities: (slug: string, id: number) => ['w', slug, 'contact', id, 'activities'] as const,
  contactMerges: (slug: string, id: number) => ['w', slug, 'contact', id, 'merges'] as const,
  suggestions: (slug: string, contactId?: number) => ['w', slug, 'suggestions', contactId ?? 'all'] as const,
  customFields: (slug: string) => ['w', slug, 'custom-fields'] as const,
  identitySettings: (slug: string) => ['w', slug, 'settings', 'identity'] as const,
  channels: (slug: string) => ['w', slug, 'channels'] as const,
  members: (slug: string) => ['w', slug, 'members'] as const,
  outbox: (slug: string) => ['w', slug, 'outbox'] as const,
  apiTokens: (slug: string) => ['w', slug, 'api-tokens'] as const,
  webhooks: (slug: string) => ['w', slug, 'webhooks'] as const,
  webhookDeliveries: (slug: string, id: number) => ['w', slug, 'webhooks', id, 'deliveries'] as const,
};
