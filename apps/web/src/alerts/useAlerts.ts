import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../api/queryKeys';
import type { Message } from '../api/types';
import { useMe } from '../auth/useMe';
import { fetchConversation } from '../messages/messagesApi';
import type { RealtimeAlerts } from '../realtime/useRealtime';
import { fetchNotifications, notificationTitle } from '../shell/notificationsApi';
import { showBrowserNotification } from './browserNotification';
import { playChime } from './playChime';

/** The agent is looking at this very conversation: the new message is on screen, no alert needed. */
function watching(slug: string, conversationId: number): boolean {
  return (
    document.visibilityState === 'visible' &&
    document.hasFocus() &&
    window.location.pathname === `/w/${slug}/messages/${conversationId}`
  );
}

/**
 * Browser and sound alerts for realtime events, per the user's preferences (user menu → Notifications):
 * a contact writing in a conversation assigned to the user or to no one (the socket only brings
 * conversations the user may see), and "assigned to you" / "mentioned you" notifications.
 */
export function useAlerts(slug: string): RealtimeAlerts {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { user } = useMe();
  // The socket outlives renders; it reads the latest preferences and translations from here.
  const latest = useRef({ user, t, navigate });
  latest.current = { user, t, navigate };

  return useMemo(() => {
    const wanted = () => latest.current.user.notifications.sound || latest.current.user.notifications.browser;
    const alert = (conversationId: number, title: string, body: string) => {
      const { user: me, navigate: go } = latest.current;
      if (watching(slug, conversationId)) return;
      if (me.notifications.sound) playChime();
      if (me.notifications.browser) {
        showBrowserNotification({
          title,
          body,
          tag: `charla-${slug}-${conversationId}`,
          onClick: () => go(`/w/${slug}/messages/${conversationId}`),
        });
      }
    };

    return {
      async inbound(message: Message) {
        if (message.direction !== 'in' || !wanted() || watching(slug, message.conversationId)) return;
        const conversation = await queryClient
          .fetchQuery({
            queryKey: queryKeys.conversation(slug, message.conversationId),
            queryFn: () => fetchConversation(slug, message.conversationId),
            staleTime: 0,
          })
          .catch(() => null);
        const { user: me, t: tr } = latest.current;
        if (!conversation || (conversation.assignee && conversation.assignee.id !== me.id)) return;
        const body = message.body?.trim() || tr('alerts.attachment');
        alert(conversation.id, tr('alerts.newMessage', { name: conversation.contact.name }), body);
      },

      async notification(notificationId: number) {
        if (!wanted()) return;
        const list = await queryClient
          .fetchQuery({
            queryKey: queryKeys.notifications(slug),
            queryFn: () => fetchNotifications(slug),
            staleTime: 0,
          })
          .catch(() => null);
        const item = list?.items.find((n) => n.id === notificationId);
        if (!item || item.read) return;
        alert(item.conversationId, notificationTitle(latest.current.t, item), item.excerpt ?? item.contactName);
      },
    };
  }, [slug, queryClient]);
}
