import type { TFunction } from 'i18next';
import { api } from '../api/client';
import type { AppNotification, NotificationsResponse } from '../api/types';
import { workspacePath } from '../api/workspacePath';

export const fetchNotifications = (slug: string) =>
  api.get<NotificationsResponse>(`${workspacePath(slug)}/notifications`);

/** "Ana mentioned you…" / "Ana assigned you…": the line the bell and the browser notification show. */
export function notificationTitle(t: TFunction, n: AppNotification): string {
  const names = { name: n.actorName ?? '—', contact: n.contactName };
  return n.kind === 'assignment' ? t('notifications.assignment', names) : t('notifications.mention', names);
}
