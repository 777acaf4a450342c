import type { ConversationStatus, ConversationView } from './types';

/** Every react-query key of the app, so that realtime updates and mutations hit the right caches. */
export const queryKeys = {
  me: ['me'] as const,
  workspace: (slug: string) => ['w', slug] as const,
  conversationLists: (slug: string) => ['w', slug, 'conversations'] as const,
  conversationList: (slug: string, view: ConversationView, status: ConversationStatus) =>
    ['w', slug, 'conversations', view, status] as const,
  conversation: (slug: string, id: number) => ['w', slug, 'conversation', id] as const,
  messages: (slug: string, conversationId: number) => ['w', slug, 'messages', conversationId] as const,
  contacts: (slug: string, search: string) => ['w', slug, 'contacts', search] as const,
  channels: (slug: string) => ['w', slug, 'channels'] as const,
  members: (slug: string) => ['w', slug, 'members'] as const,
  outbox: (slug: string) => ['w', slug, 'outbox'] as const,
};
