import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { broadcastRecipients, contactChannels, contacts } from '../../db/schema';
import { AppError } from '../../http/errors';
import { conversationToWriteIn } from '../conversations/service';
import { queueOutbound } from '../messages/send';
import { assertFreeFormAllowed, prepareTemplateReply } from '../messages/template-reply';
import { type Sender, substituteVariables } from '../messages/variables';
import { workspaceById } from '../workspaces/service';
import { BROADCAST_DISPATCH_JOB, type DispatchJob } from './dispatch-queue';
import { finishIfDone, lockBroadcast, startBroadcast } from './lifecycle';
import type { Broadcast } from './service';

/** Recipients queued per transaction. */
const CHUNK = 50;

/** Per-recipient refusals that fixing the contact's data and retrying can overcome. */
const RETRYABLE_CODES = new Set(['variable_empty']);

type Recipient = typeof broadcastRecipients.$inferSelect;

/**
 * The dispatch of a broadcast: starts a scheduled one when its time comes, then queues its messages on
 * the normal outbound path (pending message + durable send job with the channel's pacing, retries and
 * backoff) while keeping at most CHARLA_BROADCAST_IN_FLIGHT of them in the queue. Broadcast sends also
 * have a lower queue priority than every other message, so an agent's reply never waits behind a
 * broadcast. As recipients' messages settle, recipient-status.ts asks for the next dispatch.
 */
export function defineBroadcastDispatchJob(ctx: Ctx) {
  ctx.jobs.define<DispatchJob>({
    name: BROADCAST_DISPATCH_JOB,
    policy: 'stately',
    retryLimit: 10,
    handler: (job) => dispatch(ctx, job),
  });
}

async function dispatch(ctx: Ctx, job: DispatchJob): Promise<void> {
  const scope = new Scope(ctx.db, job.workspaceId);
  for (;;) {
    const queued = await scope.transaction(async (tx) => {
      const b = await lockBroadcast(tx, job.broadcastId);
      if (b?.status === 'scheduled') {
        await startBroadcast(ctx, tx, b);
        return 0; // the start asked for the next dispatch
      }
      if (b?.status !== 'in_progress') return 0;
      const inFlight = await tx.count(
        broadcastRecipients,
        eq(broadcastRecipients.broadcastId, b.id),
        eq(broadcastRecipients.status, 'pending'),
        isNotNull(broadcastRecipients.messageId),
      );
      const room = Math.min(CHUNK, ctx.config.broadcastInFlight - inFlight);
      if (room <= 0) return 0;
      const batch = await tx
        .find(
          broadcastRecipients,
          eq(broadcastRecipients.broadcastId, b.id),
          eq(broadcastRecipients.status, 'pending'),
          isNull(broadcastRecipients.messageId),
        )
        .orderBy(asc(broadcastRecipients.id))
        .limit(room);
      await queueBatch(ctx, tx, b, batch);
      if (batch.length < room) await finishIfDone(tx, b);
      return batch.length;
    });
    if (queued === 0) return;
  }
}

async function queueBatch(ctx: Ctx, tx: Scope, b: Broadcast, batch: Recipient[]) {
  if (batch.length === 0) return;
  const workspace = await workspaceById(tx.unscopedDb, tx.workspaceId);
  const sender: Sender = { userId: b.createdBy, workspace: workspace! };
  // By address, not by contact: a contact merged since the audience was taken has moved its addresses.
  const addresses = await tx.find(
    contactChannels,
    and(
      eq(contactChannels.channelId, b.channelId ?? -1),
      inArray(
        contactChannels.externalId,
        batch.map((r) => r.address),
      ),
    ),
  );
  const people = new Map(
    (await tx.find(contacts, inArray(contacts.id, [0, ...addresses.map((a) => a.contactId)]))).map((c) => [c.id, c]),
  );
  for (const r of batch) {
    const settle = (values: Partial<Recipient>) =>
      tx.update(broadcastRecipients, values, eq(broadcastRecipients.id, r.id));
    const address = addresses.find((a) => a.externalId === r.address);
    const contact = address && people.get(address.contactId);
    if (!b.channelId) {
      await settle({ status: 'failed', errorCode: 'channel_missing', errorReason: 'The channel was removed' });
    } else if (!contact?.blocked && address?.unreachable === false) {
      try {
        const messageId = await queueOne(ctx, tx, b, sender, address);
        await settle({ messageId, attempts: r.attempts + 1 });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await settle({
          status: 'failed',
          errorCode: err.code,
          errorReason: err.message,
          retryable: RETRYABLE_CODES.has(err.code),
          attempts: r.attempts + 1,
        });
      }
    } else if (contact?.blocked) {
      await settle({ status: 'skipped', errorCode: 'blocked', errorReason: 'The contact is blocked' });
    } else if (address?.unreachable) {
      await settle({ status: 'skipped', errorCode: 'unreachable', errorReason: address.unreachableReason });
    } else {
      await settle({
        status: 'failed',
        errorCode: 'no_address',
        errorReason: 'The contact no longer has this address',
      });
    }
  }
}

/** Renders the content for one contact and queues it as a pending outbound message; returns its id. */
async function queueOne(
  ctx: Ctx,
  tx: Scope,
  b: Broadcast,
  sender: Sender,
  address: typeof contactChannels.$inferSelect,
): Promise<number> {
  const conv = await conversationToWriteIn(tx, address.contactId);
  const render = (text: string) => substituteVariables(tx, sender, conv, text);
  const { content } = b;
  let body: string;
  let meta: Record<string, unknown> = { broadcastId: b.id };
  if (content.kind === 'text') {
    body = await render(content.text);
    // Channels with a window and message tags (Messenger) refuse free text outside it, per contact.
    await assertFreeFormAllowed(ctx, tx, address);
  } else {
    const prepared = await prepareTemplateReply(
      tx,
      {
        id: content.templateId,
        parameters: content.parameters,
        headerParameter: content.headerParameter,
        headerFileId: content.headerFileId,
        buttonParameters: content.buttonParameters,
      },
      b.channelId ?? undefined,
      render,
    );
    body = prepared.body;
    meta = { ...meta, template: prepared.template };
  }
  return queueOutbound(ctx, tx, conv, address.channelId, {
    senderKind: 'broadcast',
    senderUserId: null,
    body,
    attachments: [],
    meta,
  });
}
