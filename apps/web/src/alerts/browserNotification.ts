/** Whether this browser has the Notification API at all (not e.g. iOS Safari outside a home-screen app). */
export const browserNotificationsSupported = () => typeof Notification !== 'undefined';

/**
 * Shows a desktop notification; clicking it brings this tab forward and runs `onClick` (open the
 * conversation). Title and body are set as plain text by the API, never parsed as HTML. One tag per
 * conversation, so a burst of messages replaces the previous notification instead of piling up.
 */
export function showBrowserNotification(input: { title: string; body: string; tag: string; onClick: () => void }) {
  if (!browserNotificationsSupported() || Notification.permission !== 'granted') return;
  const notification = new Notification(input.title, { body: input.body.slice(0, 200), tag: input.tag });
  notification.onclick = () => {
    window.focus();
    input.onClick();
    notification.close();
  };
}
