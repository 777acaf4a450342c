import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/queryKeys';
import type { Conversation } from '../api/types';
import { markConversationRead } from './messagesApi';

/** While a conversation is on screen, its unread messages count as read (including ones arriving live). */
export function useMarkReadWhenOpen(slug: string, conversation: Conversation | undefined) {
  const queryClient = useQueryClient();
  const { mutate, isPending, isError } = useMutation({
    mutationFn: (id: number) => markConversationRead(slug, id),
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData<Conversation>(queryKeys.conversation(slug, id), (cached) =>
        cached ? { ...cached, unreadCount: 0 } : cached,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists(slug) });
    },
  });
  const unreadId = conversation && conversation.unreadCount > 0 ? conversation.id : null;

  useEffect(() => {
    // After a failure, stop: the badge staying is better than a request loop.
    if (unreadId !== null && !isPending && !isError) mutate(unreadId);
  }, [unreadId, isPending, isError, mutate]);
}
