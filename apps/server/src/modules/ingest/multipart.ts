import { and, between, eq, like } from 'drizzle-orm';
import { type ChannelAdapter, type InboundMessage, partGroupPrefix, type WebhookRequest } from '../../channels/types';
import type { Scope } from '../../db/scope';
import { webhookEvents } from '../../db/schema';

type StoredEvent = typeof webhookEvents.$inferSelect;

/** Parts of one multipart message arrive within seconds; a group key reused later (an SMS concat-ref is
 * one byte) must not pick up an old message's parts, so only parts this close in time belong together. */
const PART_WINDOW_MS = 60 * 60 * 1000;

/** A stored raw event as the adapter saw it (the URL is not kept: it only matters for verification). */
export const storedWebhookRequest = (event: StoredEvent): WebhookRequest => ({
  rawBody: Buffer.from(event.body, 'utf8'),
  headers: event.headers,
  query: event.query ?? '',
  url: '',
});

/**
 * Looks for the other parts of `part`'s group among the channel's stored raw events (they are the
 * "parts table": each part was stored and acknowledged on arrival) and returns the whole message once
 * every part has arrived, else null. The job of the last part to be stored sees all the others, since
 * every part is committed before any is processed.
 */
export async function assembleParts(
  scope: Scope,
  adapter: ChannelAdapter<unknown>,
  channel: { id: number; config: unknown },
  event: StoredEvent,
  part: InboundMessage & { part: NonNullable<InboundMessage['part']> },
): Promise<InboundMessage | null> {
  const { group, total } = part.part;
  const at = event.receivedAt.getTime();
  const siblings = await scope.find(
    webhookEvents,
    and(
      eq(webhookEvents.channelId, channel.id),
      like(webhookEvents.providerEventId, `${partGroupPrefix(group).replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      between(webhookEvents.receivedAt, new Date(at - PART_WINDOW_MS), new Date(at + PART_WINDOW_MS)),
    ),
  );
  // Per index, the part received closest to this one.
  const best = new Map<number, { distance: number; message: InboundMessage }>();
  for (const row of siblings) {
    const distance = Math.abs(row.receivedAt.getTime() - at);
    for (const item of await adapter.parseWebhook(storedWebhookRequest(row), channel.config)) {
      if (item.kind !== 'message' || item.part?.group !== group) continue;
      const seen = best.get(item.part.index);
      if (!seen || distance < seen.distance) best.set(item.part.index, { distance, message: item });
    }
  }
  const parts: InboundMessage[] = [];
  for (let i = 1; i <= total; i++) {
    const p = best.get(i);
    if (!p) return null;
    parts.push(p.message);
  }
  const first = parts[0]!;
  return {
    kind: 'message',
    providerMessageId: first.providerMessageId,
    sender: first.sender,
    text: parts.map((p) => p.text ?? '').join(''),
    attachments: parts.flatMap((p) => p.attachments),
    timestamp: first.timestamp,
    meta: { ...first.meta, parts: total },
  };
}
