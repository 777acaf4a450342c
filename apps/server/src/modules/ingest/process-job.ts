import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { webhookEvents, workspaces } from '../../db/schema';
import { loadChannelById } from '../channels/service';
import { resolveSender } from '../contacts/service';
import { applyStatus, storeInbound } from '../messages/service';
import { assembleParts, storedWebhookRequest } from './multipart';

export const INBOUND_JOB = 'inbound.process';

/**
 * Turns a stored raw webhook into contacts, conversations, messages and statuses, in one transaction.
 * Idempotent: a re-run finds the event processed, and messages are unique per provider id anyway.
 */
export function defineInboundJob(ctx: Ctx) {
  ctx.jobs.define<{ eventId: number }>({
    name: INBOUND_JOB,
    batchSize: 100,
    concurrency: ctx.dbh.kind === 'pglite' ? 1 : 8,
    retryLimit: 10,
    retryDelay: 1,
    handler: async ({ eventId }) => processEvent(ctx, eventId),
  });
}

export async function processEvent(ctx: Ctx, eventId: number): Promise<void> {
  const [event] = await ctx.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
  if (!event || event.processedAt) return;
  const channel = await loadChannelById(ctx, event.channelId);
  if (!channel) return;
  const adapter = ctx.channels.get(channel.type);
  const parsed = adapter.parseWebhook(storedWebhookRequest(event), channel.config);
  const [ws] = await ctx.db
    .select({ defaultCountry: workspaces.defaultCountry })
    .from(workspaces)
    .where(eq(workspaces.id, channel.workspaceId));
  await new Scope(ctx.db, channel.workspaceId).transaction(async (scope) => {
    for (const parsedItem of parsed) {
      const item =
        parsedItem.kind === 'message' && parsedItem.part
          ? await assembleParts(scope, adapter, channel, event, { ...parsedItem, part: parsedItem.part })
          : parsedItem;
      if (!item) continue; // a part of a message still incomplete: kept as this raw event
      if (item.kind === 'message') {
        const { contact, created } = await resolveSender(scope, channel, item.sender, ws?.defaultCountry ?? null);
        if (created)
          await ctx.events.emit(scope.unscopedDb, scope.workspaceId, 'contact.created', { contactId: contact.id });
        await storeInbound(ctx, scope, channel, contact.id, item);
      } else {
        await applyStatus(ctx, scope, channel.id, item);
      }
    }
    await scope.update(webhookEvents, { processedAt: new Date(), error: null }, eq(webhookEvents.id, event.id));
  });
}
