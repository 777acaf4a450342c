import { z } from 'zod';

/** `https://shop.example/any/path` → `https://shop.example`: origins are what browsers send and CSP lists. */
const origin = z
  .string()
  .trim()
  .transform((value, zctx) => {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // reported below
    }
    zctx.addIssue({ code: 'custom', message: `${value} is not an http(s) origin such as https://shop.example` });
    return z.NEVER;
  });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const prechatField = z.object({ enabled: z.boolean().default(false), required: z.boolean().default(false) });

export const webchatAppearanceSchema = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'use a #rrggbb colour')
    .default('#2563eb'),
  position: z.enum(['right', 'left']).default('right'),
  launcherIcon: z.enum(['chat', 'help', 'message']).default('chat'),
  greeting: z.string().trim().max(300).default(''),
  teamName: z.string().trim().max(80).default(''),
  /** Shown next to agent replies; https only, so the widget never mixes content. */
  avatarUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .default(null),
  language: z.enum(['auto', 'es', 'en']).default('auto'),
  sound: z.boolean().default(true),
});

export const webchatHoursSchema = z.object({
  enabled: z.boolean().default(false),
  timezone: z.string().refine(validTimeZone, 'unknown time zone').default('UTC'),
  /** Opening intervals; `day` 0 = Sunday … 6 = Saturday (like Date#getDay). */
  days: z
    .array(z.object({ day: z.number().int().min(0).max(6), from: hhmm, to: hhmm }))
    .max(21)
    .default([1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }))),
});

export const webchatPrechatSchema = z.object({
  enabled: z.boolean().default(false),
  fields: z
    .object({
      name: prechatField.prefault({}),
      email: prechatField.prefault({}),
      phone: prechatField.prefault({}),
    })
    .prefault({}),
});

/** What an owner may change after creation (everything but the secret). */
export const webchatSettingsSchema = z.object({
  allowedOrigins: z.array(origin).min(1, 'list at least one site origin').max(20),
  requireVerification: z.boolean().default(false),
  appearance: webchatAppearanceSchema.prefault({}),
  businessHours: webchatHoursSchema.prefault({}),
  awayMessage: z.string().trim().max(500).default(''),
  prechat: webchatPrechatSchema.prefault({}),
});

export const webchatConfigSchema = webchatSettingsSchema.extend({
  /** Identity-verification key: sites sign `userId` with it (userHash). Generated, shown once. */
  secret: z.string().min(16),
});
export type WebchatConfig = z.infer<typeof webchatConfigSchema>;
export type WebchatSettings = z.infer<typeof webchatSettingsSchema>;
export type PrechatField = keyof WebchatConfig['prechat']['fields'];
