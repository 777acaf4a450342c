import { describe, expect, it } from 'vitest';
import {
  type BusinessHours,
  businessHoursSchema,
  DEFAULT_BUSINESS_HOURS,
  isWithinBusinessHours,
} from './business-hours';

const NINE_TO_SIX = [{ from: '09:00', to: '18:00' }];
const hours = (over: Partial<BusinessHours> = {}): BusinessHours => ({
  ...DEFAULT_BUSINESS_HOURS,
  enabled: true,
  ...over,
});
const open = (timezone: string, iso: string, bh = hours()) =>
  isWithinBusinessHours({ timezone, businessHours: bh }, new Date(iso));

describe('isWithinBusinessHours', () => {
  it('reads the schedule on the workspace’s wall clock', () => {
    // Monday 2026-03-02, Mexico City is UTC−6 all year.
    expect(open('America/Mexico_City', '2026-03-02T14:59:00Z')).toBe(false); // 08:59
    expect(open('America/Mexico_City', '2026-03-02T15:00:00Z')).toBe(true); // 09:00
    expect(open('America/Mexico_City', '2026-03-02T23:59:00Z')).toBe(true); // 17:59
    expect(open('America/Mexico_City', '2026-03-03T00:00:00Z')).toBe(false); // 18:00, end is exclusive
    // Saturday is closed by default.
    expect(open('America/Mexico_City', '2026-03-07T17:00:00Z')).toBe(false);
  });

  it('uses the local weekday, not UTC’s', () => {
    // Saturday 2026-03-07 01:00 UTC is Friday 19:00 in Mexico City, Saturday 10:00 in Tokyo.
    const friEvening = hours({ days: { ...DEFAULT_BUSINESS_HOURS.days, fri: [{ from: '18:30', to: '20:00' }] } });
    expect(open('America/Mexico_City', '2026-03-07T01:00:00Z', friEvening)).toBe(true);
    expect(open('Asia/Tokyo', '2026-03-07T01:00:00Z', friEvening)).toBe(false);
  });

  it('keeps nine o’clock local on both sides of a DST change', () => {
    // Madrid: CET (UTC+1) until 2026-03-29, CEST (UTC+2) from then. Both dates are Mondays.
    expect(open('Europe/Madrid', '2026-03-23T08:00:00Z')).toBe(true); // 09:00 CET
    expect(open('Europe/Madrid', '2026-03-30T07:00:00Z')).toBe(true); // 09:00 CEST
    expect(open('Europe/Madrid', '2026-03-30T06:30:00Z')).toBe(false); // 08:30 CEST (09:30 in winter time)
    // New York (DST from 2026-03-08): 17:30 local on Monday 2026-03-09 is 21:30 UTC.
    expect(open('America/New_York', '2026-03-09T21:30:00Z')).toBe(true);
    expect(open('America/New_York', '2026-03-09T22:30:00Z')).toBe(false);
  });

  it('supports several ranges in a day and a range to midnight', () => {
    const split = hours({
      days: {
        ...DEFAULT_BUSINESS_HOURS.days,
        mon: [
          { from: '09:00', to: '13:00' },
          { from: '15:00', to: '24:00' },
        ],
      },
    });
    expect(open('UTC', '2026-03-02T12:59:00Z', split)).toBe(true);
    expect(open('UTC', '2026-03-02T14:00:00Z', split)).toBe(false);
    expect(open('UTC', '2026-03-02T23:59:00Z', split)).toBe(true);
  });

  it('is always open when disabled', () => {
    expect(open('UTC', '2026-03-07T03:00:00Z', { ...hours(), enabled: false })).toBe(true);
  });

  it('rejects ranges that end before they start and malformed times', () => {
    const days = { ...DEFAULT_BUSINESS_HOURS.days };
    expect(businessHoursSchema.safeParse({ ...hours(), days: { ...days, mon: NINE_TO_SIX } }).success).toBe(true);
    expect(
      businessHoursSchema.safeParse({ ...hours(), days: { ...days, mon: [{ from: '18:00', to: '09:00' }] } }).success,
    ).toBe(false);
    expect(
      businessHoursSchema.safeParse({ ...hours(), days: { ...days, mon: [{ from: '9:00', to: '25:00' }] } }).success,
    ).toBe(false);
  });
});
