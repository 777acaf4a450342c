import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type {
  Comment,
  Conversation,
  ConversationPage,
  ItemsResponse,
  Member,
  Message,
  PresenceStatus,
} from '../api/types';
import type { InfiniteData } from '@tanstack/react-query';

function byTimeThenId(a: Message, b: Message): number {
  return a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1;
}

/**
 * Puts a message into its conversation's cached history: replaces the one with the same id
 * (a status update, or the echo of our own reply) or inserts it in time order.
 * Does nothing when that history is not cached; it will be fetched fresh when opened.
 */
export function upsertMessage(queryClient: QueryClient, slug: string, message: Message): void {
  queryClient.setQueryData<ItemsResponse<Message>>(queryKeys.messages(slug, message.conversationId), (cached) => {
    if (!cached) return cached;
    const index = cached.items.findIndex((item) => item.id === message.id);
    if (index >= 0) return { items: cached.items.map((item) => (item.id === message.id ? message : item)) };
    return { items: [...cached.items, message].sort(byTimeThenId) };
  });
}

/** A new message changes its conversation's preview, time, unread count and maybe the views it is in. */
export function applyMessageCreated(queryClient: QueryClient, slug: string, message: Message): void {
  upsertMessage(queryClient, slug, message);
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists(slug) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(slug, message.conversationId) });
}

/** A changed conversation replaces the cached one; the lists are refetched since it may move between views. */
export function applyConversationUpdated(queryClient: QueryClient, slug: string, conversation: Conversation): void {
  queryClient.setQueryData(queryKeys.conversation(slug, conversation.id), conversation);
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists(slug) });
}

/** Someone's activity status changed: update their row in the cached member list. */
export function applyPresence(queryClient: QueryClient, slug: string, userId: number, presence: PresenceStatus): void {
  queryClient.setQueryData<ItemsResponse<Member>>(queryKeys.members(slug), (cached) =>
    cached
      ? { items: cached.items.map((member) => (member.userId === userId ? { ...member, presence } : member)) }
      : cached,
  );
}

/**
 * The user may no longer see a conversation (it was handed to someone else): drop it from every cached
 * list page and forget its details, so an open view refetches and shows "not found".
 */
export function applyConversationRemoved(queryClient: QueryClient, slug: string, conversationId: number): void {
  queryClient.setQueriesData<InfiniteData<ConversationPage>>(
    { queryKey: queryKeys.conversationLists(slug) },
    (cached) =>
      cached?.pages
        ? {
            ...cached,
            pages: cached.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== conversationId) })),
          }
        : cached,
  );
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(slug, conversationId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.unreadCounts(slug) });
}

/** A new internal comment joins the cached timeline of its conversation (once, even after our own POST). */
export function applyCommentCreated(queryClient: QueryClient, slug: string, conversationId: number, comment: Comment) {
  queryClient.setQueryData<ItemsResponse<Comment>>(queryKeys.comments(slug, conversationId), (cached) =>
    cached && !cached.items.some((c) => c.id === comment.id) ? { items: [...cached.items, comment] } : cached,
  );
}

/**
 * A contact changed (edited, tagged, merged, wrote in): its open page and the contact lists refetch, since
 * it may have entered or left a segment. Only queries on screen refetch; the rest are marked stale.
 */
export function applyContactUpdated(queryClient: QueryClient, slug: string, contactId: number): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.contact(slug, contactId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists(slug) });
}
