import { LineIcon } from './NavIcon';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { workspacePath } from '../api/workspacePath';
import { formatListTime } from '../common/formatDate';
import { fetchNotifications, notificationTitle } from './notificationsApi';

/** The bell in the sidebar: unread mentions, a list of the latest, and "mark all as read". */
export function NotificationBell({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const notifications = useQuery({
    queryKey: queryKeys.notifications(slug),
    queryFn: () => fetchNotifications(slug),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications(slug) });
  const markRead = useMutation({
    mutationFn: (id: number) => api.post<void>(`${workspacePath(slug)}/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post<void>(`${workspacePath(slug)}/notifications/read-all`),
    onSuccess: refresh,
  });
  const unread = notifications.data?.unread ?? 0;

  return (
    <div className="notification-bell">
      <button
        type="button"
        className="main-nav-link bell-button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen(!open)}
      >
        <LineIcon d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.73 21a2 2 0 0 1-3.46 0" />
        <span>{t('notifications.title')}</span>
        {unread > 0 && (
          <span className="badge" data-testid="notification-count">
            <span aria-hidden="true">{unread}</span>
            <span className="visually-hidden">{t('notifications.unread', { count: unread })}</span>
          </span>
        )}
      </button>
      {open && (
        <section id="notification-panel" className="notification-panel" aria-label={t('notifications.title')}>
          <div className="notification-panel-header">
            <strong>{t('notifications.title')}</strong>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => markAll.mutate()}>
                {t('notifications.markAll')}
              </button>
            )}
          </div>
          {notifications.data?.items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
          <ul className="notification-list">
            {notifications.data?.items.map((n) => (
              <li key={n.id} className={n.read ? 'notification' : 'notification unread'}>
                <Link
                  to={`/w/${slug}/messages/${n.conversationId}`}
                  onClick={() => {
                    setOpen(false);
                    if (!n.read) markRead.mutate(n.id);
                  }}
                >
                  <span>{notificationTitle(t, n)}</span>
                  {n.excerpt && <span className="notification-excerpt muted">{n.excerpt}</span>}
                  <time className="muted" dateTime={n.createdAt}>
                    {formatListTime(n.createdAt, i18n.language)}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
