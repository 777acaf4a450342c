import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { queryKeys } from '../api/queryKeys';
import type { Message, ServerToClientEvents } from '../api/types';
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

/** Who hears about events worth an alert (browser notification, sound); see alerts/useAlerts. */
export interface RealtimeAlerts {
  inbound(message: Message): void;
  notification(notificationId: number): void;
}

/**
 * Keeps one Socket.IO connection to the workspace open while the app shell is shown and folds its
 * events into the react-query caches, so lists and histories update without a reload.
 * After a reconnection everything of the workspace is refetched, since events may have been missed.
 */
export function useRealtime(slug: string | null, alerts?: RealtimeAlerts): RealtimeState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RealtimeState>('connecting');
  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;

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
    socket.on('message.created', ({ message }) => {
      applyMessageCreated(queryClient, slug, message);
      alertsRef.current?.inbound(message);
    });
    socket.on('message.updated', ({ message }) => upsertMessage(queryClient, slug, message));
    socket.on('conversation.updated', ({ conversation }) => applyConversationUpdated(queryClient, slug, conversation));
    socket.on('conversation.removed', ({ conversationId }) =>
      applyConversationRemoved(queryClient, slug, conversationId),
    );
    socket.on('comment.created', ({ conversationId, comment }) =>
      applyCommentCreated(queryClient, slug, conversationId, comment),
    );
    socket.on('notification.created', ({ notificationId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications(slug) });
      alertsRef.current?.notification(notificationId);
    });
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
