import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { webhookEvents } from '../../db/schema';
import { loadChannelById } from '../channels/service';
import { queueProfileFetch } from '../contacts/profile-job';
import { resolveSender } from '../contacts/service';
import { isOptOut, markOptedOut } from './opt-out';
import { applyStatus, applyWatermark, storeInbound } from '../messages/service';
import { applyTemplateStatus } from '../templates/service';
import { assembleParts, storedWebhookRequest } from './multipart';
import { placeInThread } from './thread';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/**
 * Turns one stored raw webhook into contacts, conversations, messages and statuses, in one transaction
 * that also marks the event processed. Idempotent: the event row is taken with `processed_at is null`
 * first (so a second worker holding the same event waits, then finds nothing to do), and messages are
 * unique per provider id anyway.
 */
export async function processEvent(ctx: Ctx, event: WebhookEventRow): Promise<void> {
  const channel = await loadChannelById(ctx, event.channelId);
  if (!channel) return;
  const adapter = ctx.channels.get(channel.type);
  const parsed = await adapter.parseWebhook(storedWebhookRequest(event), channel.config);
  await new Scope(ctx.db, channel.workspaceId).transaction(async (scope) => {
    const taken = await scope
      .update(
        webhookEvents,
        { processedAt: new Date(), error: null, claimedUntil: null },
        and(eq(webhookEvents.id, event.id), isNull(webhookEvents.processedAt)),
      )
      .returning({ id: webhookEvents.id });
    if (taken.length === 0) return;
    for (const parsedItem of parsed) {
      const item =
        parsedItem.kind === 'message' && parsedItem.part
          ? await assembleParts(scope, adapter, channel, event, { ...parsedItem, part: parsedItem.part })
          : parsedItem;
      if (!item) continue; // a part of a message still incomplete: kept as this raw event
      if (item.kind === 'message') {
        const { contact, created } = await resolveSender(scope, channel, item.sender, channel.defaultCountry);
        if (created)
          await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.created', { contactId: contact.id });
        // A channel that names its senders only by an id (Messenger, Instagram): their profile comes later.
        if (created && !item.sender.name && !item.sender.username)
          await queueProfileFetch(ctx, scope, channel, contact.id, item.sender.externalId);
        const placed = await placeInThread(scope, channel.id, contact, item);
        await storeInbound(ctx, scope, channel, placed.contact, placed.message);
        if (isOptOut(channel.type, item.sender.externalId, item.text))
          await markOptedOut(scope, channel.id, item.sender.externalId, item.text!);
      } else if (item.kind === 'status') {
        await applyStatus(ctx, scope, channel.id, item);
      } else if (item.kind === 'watermark') {
        await applyWatermark(ctx, scope, channel.id, item);
      } else {
        await applyTemplateStatus(scope, channel.id, item);
      }
    }
  });
}
