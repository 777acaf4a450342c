import type { WebchatConfig } from '../../channels/webchat/schema';

/** Whether `now` falls inside the weekly schedule, read in the schedule's time zone. */
export function withinBusinessHours(hours: WebchatConfig['businessHours'], now = new Date()): boolean {
  if (!hours.enabled) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  const time = `${part('hour')}:${part('minute')}`;
  return hours.days.some((d) => d.day === day && d.from <= time && time < d.to);
}

/** What the widget needs to draw itself. Never the secret, never the origin list. */
export function publicWidgetConfig(config: WebchatConfig, now = new Date()) {
  const open = withinBusinessHours(config.businessHours, now);
  return {
    appearance: config.appearance,
    prechat: config.prechat,
    requireVerification: config.requireVerification,
    away: !open,
    awayMessage: open ? '' : config.awayMessage,
  };
}
export type PublicWidgetConfig = ReturnType<typeof publicWidgetConfig>;
