import { businessHoursOf, isWithinBusinessHours, wallClock } from '../../workspaces/business-hours';
import type { StepExecutor } from '../step-context';

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Waits on a durable timer (a delayed job): the run survives restarts while it waits. */
export const waitStep: StepExecutor<'wait'> = async (_rc, step) => {
  const until = new Date(Date.now() + step.amount * UNIT_MS[step.unit]).toISOString();
  return { wait: { kind: 'timer', stepId: step.id, until }, detail: { until } };
};

/** `YYYY-MM-DDTHH:MM` on the wall clock of `timeZone`. */
function localStamp(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Inside the hours (workspace business hours, the step's weekly hours or its date ranges) → next; else → else. */
export const dateTimeStep: StepExecutor<'date_time'> = async (rc, step) => {
  const now = new Date();
  const timeZone = step.timezone || rc.workspace.timezone;
  let inside: boolean;
  if (step.mode === 'workspace') {
    inside = isWithinBusinessHours({ timezone: timeZone, businessHours: businessHoursOf(rc.workspace.settings) }, now);
  } else if (step.mode === 'weekly') {
    const { day, minute } = wallClock(now, timeZone);
    inside = step.weekly.some((r) => r.day === day && minutes(r.from) <= minute && minute < minutes(r.to));
  } else {
    const stamp = localStamp(now, timeZone);
    inside = step.ranges.some((r) => r.from <= stamp && stamp < r.to);
  }
  return { next: (inside ? step.next : step.else) ?? null, detail: { inside, timeZone } };
};
