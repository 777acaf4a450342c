import type { BroadcastContent, BroadcastInput } from '@charla/contracts/broadcasts';
import { desc, eq, lt } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { broadcasts, channels, segments } from '../../db/schema';
import { AppError, invalid, notFound } from '../../http/errors';
import { assertTimeZone, zonedInstant } from '../api-v2/zoned-time';
import { templateById } from '../templates/service';
import { broadcastReport } from './report';

export type Broadcast = typeof broadcasts.$inferSelect;

/** The broadcast as the web app shows it; `report` is added where the counts are wanted. */
export function serializeBroadcast(b: Broadcast) {
  return {
    id: b.id,
    name: b.name,
    channelId: b.channelId,
    segmentId: b.allContacts ? null : b.segmentId,
    allContacts: b.allContacts,
    content: b.content,
    schedule:
      b.scheduleLocal && b.scheduleTimeZone ? { localTime: b.scheduleLocal, timeZone: b.scheduleTimeZone } : null,
    scheduledAt: b.scheduledAt?.toISOString() ?? null,
    status: b.status,
    failureReason: b.failureReason,
    recipientCount: b.recipientCount,
    createdAt: b.createdAt.toISOString(),
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}

export async function getBroadcast(scope: Scope, id: number): Promise<Broadcast> {
  const found = await scope.first(broadcasts, eq(broadcasts.id, id));
  if (!found) throw notFound('Broadcast');
  return found;
}

/** Newest first, a page at a time (`before`: the last id of the previous page). */
export async function listBroadcasts(scope: Scope, opts: { before?: number; limit?: number }) {
  const rows = await scope
    .find(broadcasts, opts.before ? lt(broadcasts.id, opts.before) : undefined)
    .orderBy(desc(broadcasts.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  return Promise.all(rows.map(async (b) => ({ ...serializeBroadcast(b), report: await broadcastReport(scope, b.id) })));
}

/**
 * Checks what a draft names against the workspace: the channel, the segment, and the content the channel
 * can carry. WhatsApp takes only templates from a business outside the 24-hour window, and most of a
 * broadcast's audience is outside it, so a text broadcast on a channel with templates is refused here.
 */
async function validated(ctx: Ctx, scope: Scope, input: BroadcastInput) {
  const [channel] = await scope.find(channels, eq(channels.id, input.channelId));
  if (!channel || !ctx.channels.has(channel.type)) throw notFound('Channel');
  if (input.segmentId !== null && !(await scope.first(segments, eq(segments.id, input.segmentId))))
    throw notFound('Segment');
  await assertContentFits(ctx, scope, channel, input.content);
  let scheduledAt: Date | null = null;
  if (input.schedule) {
    const timeZone = assertTimeZone(input.schedule.timeZone);
    scheduledAt = zonedInstant(input.schedule.localTime, timeZone);
    if (!scheduledAt) throw invalid('invalid_schedule', 'The scheduled time is not a valid date and time');
  }
  return {
    name: input.name,
    channelId: channel.id,
    segmentId: input.segmentId,
    allContacts: input.segmentId === null,
    content: input.content,
    scheduleLocal: input.schedule?.localTime ?? null,
    scheduleTimeZone: input.schedule?.timeZone ?? null,
    scheduledAt,
  };
}

async function assertContentFits(
  ctx: Ctx,
  scope: Scope,
  channel: { id: number; type: string },
  content: BroadcastContent,
) {
  const { capabilities } = ctx.channels.get(channel.type);
  if (content.kind === 'text') {
    if (capabilities.templates)
      throw new AppError(
        'invalid',
        'template_required',
        'This channel only delivers approved templates to contacts who have not written in the last 24 hours: choose a template',
      );
    return;
  }
  if (!capabilities.templates)
    throw new AppError('invalid', 'templates_unsupported', 'This channel has no message templates: write a text');
  const template = await templateById(scope, content.templateId);
  if (template.channelId !== channel.id)
    throw new AppError('invalid', 'template_channel', 'The template belongs to another channel');
  if (template.status !== 'APPROVED')
    throw new AppError(
      'invalid',
      'template_not_approved',
      `The template is ${template.status.toLowerCase()}, not approved`,
    );
  if (content.parameters.length !== template.parameterCount || content.parameters.some((p) => !p.trim()))
    throw new AppError(
      'invalid',
      'template_parameters',
      `The template takes ${template.parameterCount} non-empty parameter(s)`,
      { expected: template.parameterCount },
    );
}

export async function createBroadcast(ctx: Ctx, scope: Scope, input: BroadcastInput, userId: number) {
  const values = await validated(ctx, scope, input);
  const [row] = await scope.insert(broadcasts, { ...values, createdBy: userId, status: 'draft' }).returning();
  return row!;
}

/** Only a draft changes; once scheduled or sent, a broadcast is what its recipients got. */
export async function updateBroadcast(ctx: Ctx, scope: Scope, id: number, input: BroadcastInput) {
  const current = await getBroadcast(scope, id);
  assertDraft(current);
  const values = await validated(ctx, scope, input);
  const [row] = await scope
    .update(broadcasts, values, eq(broadcasts.id, id), eq(broadcasts.status, 'draft'))
    .returning();
  if (!row) throw notDraft();
  return row;
}

export async function deleteBroadcast(scope: Scope, id: number) {
  assertDraft(await getBroadcast(scope, id));
  await scope.delete(broadcasts, eq(broadcasts.id, id), eq(broadcasts.status, 'draft'));
}

const notDraft = () =>
  new AppError(
    'conflict',
    'broadcast_not_draft',
    'Only a draft can be changed: this broadcast was already scheduled or sent',
  );

function assertDraft(b: Broadcast) {
  if (b.status !== 'draft') throw notDraft();
}
