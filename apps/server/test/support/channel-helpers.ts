import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../src/context';
import type { Scope } from '../../src/db/scope';
import { type AttachmentRef, contactChannels, conversations, messages } from '../../src/db/schema';
import { OUTBOUND_JOB } from '../../src/modules/messages/service';
import { eventually } from './runtime';

/** Reads a provider fixture copied next to its adapter (`src/channels/<provider>/fixtures/<name>`). */
export const fixture = (provider: string, name: string) =>
  fs.readFileSync(path.join(__dirname, '../../src/channels', provider, 'fixtures', name));

/**
 * Queues an outbound message the way a reply is queued, but with attachments and meta (buttons) that the
 * reply API does not take yet; the real outbound job sends it.
 */
export async function queueOutbound(
  ctx: Ctx,
  scope: Scope,
  conversationId: number,
  input: { text?: string; attachments?: AttachmentRef[]; meta?: Record<string, unknown> },
) {
  const [conv] = await scope.find(conversations, eq(conversations.id, conversationId));
  const [row] = await scope
    .insert(messages, {
      conversationId,
      contactId: conv!.contactId,
      channelId: conv!.lastChannelId,
      direction: 'out',
      senderKind: 'user',
      body: input.text ?? null,
      attachments: input.attachments ?? [],
      meta: input.meta ?? {},
      status: 'pending',
    })
    .returning();
  await ctx.jobs.send(OUTBOUND_JOB, { messageId: row!.id, attempt: 1 }, { key: `contact:${conv!.contactId}` });
  return row!;
}

/** Waits until a message leaves `pending` and returns it. */
export const settled = (scope: Scope, id: number, timeoutMs?: number) =>
  eventually(async () => {
    const [m] = await scope.find(messages, eq(messages.id, id));
    return m && m.status !== 'pending' ? m : undefined;
  }, timeoutMs);

/** Waits until the message with this provider id is stored and returns it. */
export const storedMessage = (scope: Scope, providerMessageId: string) =>
  eventually(async () => (await scope.find(messages, eq(messages.providerMessageId, providerMessageId)))[0]);

/** The conversation of the contact behind a channel address. */
export async function conversationOfAddress(scope: Scope, externalId: string) {
  const [address] = await scope.find(contactChannels, eq(contactChannels.externalId, externalId));
  return (await scope.find(conversations, eq(conversations.contactId, address!.contactId)))[0]!;
}
