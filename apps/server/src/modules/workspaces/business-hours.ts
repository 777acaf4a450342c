import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const rangeSchema = z
  .object({ from: z.string().regex(HHMM), to: z.string().regex(HHMM) })
  .refine((r) => minutesOf(r.from) < minutesOf(r.to), 'range_ends_before_it_starts');

/**
 * Business hours and away message (Horario de atención y mensaje de ausencia), kept in
 * `workspaces.settings.businessHours`. Times are wall-clock times in the workspace's time zone; a day
 * without ranges is closed. Disabled means always open.
 */
export const businessHoursSchema = z.object({
  enabled: z.boolean(),
  days: z.object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(rangeSchema).max(6)])) as Record<
      Weekday,
      z.ZodArray<typeof rangeSchema>
    >,
  ),
  awayMessage: z.string().max(1000),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const NINE_TO_SIX = [{ from: '09:00', to: '18:00' }];
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  enabled: false,
  days: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: [], sun: [] },
  awayMessage: '',
};

export function businessHoursOf(settings: Record<string, unknown>): BusinessHours {
  const parsed = businessHoursSchema.safeParse(settings.businessHours);
  return parsed.success ? parsed.data : DEFAULT_BUSINESS_HOURS;
}

const SHORT_DAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** The weekday and minute of the day that `date` is on the clocks of `timeZone` (DST included). */
export function wallClock(date: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: SHORT_DAYS[part('weekday')]!, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/**
 * Whether the workspace is open at `date`: its schedule is read on the wall clock of its time zone, so
 * 09:00–18:00 means nine to six local time on both sides of a daylight-saving change.
 */
export function isWithinBusinessHours(
  settings: { timezone: string; businessHours: BusinessHours },
  date: Date = new Date(),
): boolean {
  if (!settings.businessHours.enabled) return true;
  const { day, minute } = wallClock(date, settings.timezone);
  return settings.businessHours.days[day].some((r) => minutesOf(r.from) <= minute && minute < minutesOf(r.to));
}
