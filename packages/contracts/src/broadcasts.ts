import { z } from 'zod';

/**
 * Broadcasts (Difusiones): one message, or one WhatsApp template, sent to a segment of contacts (or to
 * every contact) on one channel, now or at a local time in a time zone. Shared by the server's routes and
 * the web app's form.
 */

export const BROADCAST_STATUSES = ['draft', 'scheduled', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * A recipient's progress. `pending`: not sent yet (queued or waiting for its turn); `skipped`: left out
 * when the audience was taken (blocked, unreachable or opted out) or when the broadcast was cancelled.
 */
export const RECIPIENT_STATUSES = ['pending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Text with `$contact.firstname`-style variables, or an approved WhatsApp template with its parameters. */
export const broadcastContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(4096) }),
  z.object({
    kind: z.literal('template'),
    templateId: z.number().int().positive(),
    /** One value per body parameter, in order; `$variables` are replaced per contact. */
    parameters: z.array(z.string().max(1000)).max(50).default([]),
    headerParameter: z.string().max(1000).optional(),
    headerFileId: z.number().int().positive().optional(),
    buttonParameters: z.array(z.string().max(1000)).max(10).optional(),
  }),
]);
export type BroadcastContent = z.infer<typeof broadcastContentSchema>;

/** `YYYY-MM-DDTHH:MM` on the wall clock of `timeZone` (an IANA name such as America/Mexico_City). */
export const broadcastScheduleSchema = z.object({
  localTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Expected YYYY-MM-DDTHH:MM'),
  timeZone: z.string().min(1).max(64),
});
export type BroadcastSchedule = z.infer<typeof broadcastScheduleSchema>;

export const broadcastInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  channelId: z.number().int().positive(),
  /** null: every contact with an address on the channel. */
  segmentId: z.number().int().positive().nullable(),
  content: broadcastContentSchema,
  /** null: sent when the user presses Send. */
  schedule: broadcastScheduleSchema.nullable().default(null),
});
export type BroadcastInput = z.infer<typeof broadcastInputSchema>;

/** What the report shows; counts are cumulative (a read message was also delivered and sent). */
export interface BroadcastReport {
  recipients: number;
  pending: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  skipped: number;
  /** Failed recipients that a retry may still reach. */
  retryable: number;
}
