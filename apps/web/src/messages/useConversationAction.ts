import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { Conversation } from '../api/types';
import { type ConversationAction, runConversationAction } from './messagesApi';

/**
 * Runs an action on the open conversation and folds the answer into the caches. A `null` answer means the
 * action took the conversation out of the user's sight (they handed it to someone else).
 */
export function useConversationAction(slug: string, conversationId: number, onGone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ConversationAction) => runConversationAction(slug, conversationId, action),
    onSuccess: ({ conversation }) => {
      if (conversation) {
        queryClient.setQueryData<Conversation>(queryKeys.conversation(slug, conversationId), conversation);
      } else {
        queryClient.removeQueries({ queryKey: queryKeys.conversation(slug, conversationId) });
        onGone?.();
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists(slug) });
    },
  });
}
