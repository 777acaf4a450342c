import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { queryKeys } from '../api/queryKeys';
import type { ServerToClientEvents } from '../api/types';
import {
  applyCommentCreated,
  applyConversationRemoved,
  applyContactUpdated,
  applyConversationUpdated,
  applyMessageCreated,
  applyPresence,
  upsertMessage,
} from './cacheUpdates';
import { setTypingSocket, setVisitorTyping } from './typing';

export type RealtimeState = 'connecting' | 'connected' | 'offline';

/**
 * Keeps one Socket.IO connection to the workspace open while the app shell is shown and folds its
 * events into the react-query caches, so lists and histories update without a reload.
 * After a reconnection everything of the workspace is refetched, since events may have been missed.
 */
export function useRealtime(slug: string | null): RealtimeState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RealtimeState>('connecting');

  useEffect(() => {
    if (!slug) return;
    setState('connecting');
    const socket: Socket<ServerToClientEvents> = io({ withCredentials: true, auth: { workspace: slug } });
    let connectedBefore = false;

    socket.on('connect', () => {
      setState('connected');
      if (connectedBefore) void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(slug) });
      connectedBefore = true;
    });
    socket.on('disconnect', () => setState('offline'));
    socket.on('connect_error', () => setState('offline'));
    socket.on('message.created', ({ message }) => applyMessageCreated(queryClient, slug, message));
    socket.on('message.updated', ({ message }) => upsertMessage(queryClient, slug, message));
    socket.on('conversation.updated', ({ conversation }) => applyConversationUpdated(queryClient, slug, conversation));
    socket.on('conversation.removed', ({ conversationId }) =>
      applyConversationRemoved(queryClient, slug, conversationId),
    );
    socket.on('comment.created', ({ conversationId, comment }) =>
      applyCommentCreated(queryClient, slug, conversationId, comment),
    );
    socket.on('notification.created', () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications(slug) }));
    socket.on('presence', ({ userId, status }) => applyPresence(queryClient, slug, userId, status));
    socket.on('contact.updated', ({ contact }) => applyContactUpdated(queryClient, slug, contact.id));
    socket.on('contact-import.progress', (run) => queryClient.setQueryData(queryKeys.contactImport(slug, run.id), run));
    socket.on('visitor.typing', ({ conversationId, typing }) => setVisitorTyping(conversationId, typing));
    setTypingSocket(socket);

    return () => {
      setTypingSocket(null);
      socket.disconnect();
    };
  }, [slug, queryClient]);

  return state;
}
