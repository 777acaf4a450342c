import { eq, isNull, lte, or, sql } from 'drizzle-orm';
import { imapClient } from '../../channels/email/client';
import { imapError } from '../../channels/email/connection';
import { emailKey } from '../../channels/email/headers';
import { EMAIL_TOO_LARGE_HEADER, IMAP_UID_HEADER, IMAP_UIDVALIDITY_HEADER } from '../../channels/email/inbound';
import type { EmailConfig } from '../../channels/email/schema';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { emailMailboxes, webhookEvents } from '../../db/schema';
import { loadChannelById, scopeOfChannel, setChannelProblem } from '../channels/service';
import { wakeInboundProcessor } from '../ingest/processor';
import { reopenEmailWatcher } from './idle';

const MAILBOX = 'INBOX';
/** A first poll (or a resync after UIDVALIDITY changed) takes the mail of the last days, not the whole history. */
const FIRST_SYNC_DAYS = 7;
/** Messages stored per poll at most; the next poll continues after them. */
const MAX_PER_POLL = 500;

/**
 * How long a poll holds its mailbox, renewed with every stored message; after a crash another poll may
 * start once it ran out. (Should two ever overlap, the Message-ID key keeps them from storing twice.)
 */
const POLL_LEASE_SECONDS = 60;
const leaseEnd = () => sql`now() + make_interval(secs => ${POLL_LEASE_SECONDS})`;

export interface PollResult {
  stored: number;
  fetched: number;
  resynced: boolean;
  /** Another poll of this mailbox was running: this one did nothing. */
  skipped?: boolean;
}

async function cursorOf(scope: Scope, channelId: number) {
  await scope.insert(emailMailboxes, { channelId, mailbox: MAILBOX }).onConflictDoNothing();
  const [row] = await scope.find(
    emailMailboxes,
    eq(emailMailboxes.channelId, channelId),
    eq(emailMailboxes.mailbox, MAILBOX),
  );
  return row!;
}

/**
 * Polls one email channel's inbox: every message after the stored UID is stored as a raw event
 * (unique by Message-ID) BEFORE the cursor moves past it, so a crash between the two only means the
 * message is fetched again and its insert does nothing. A changed UIDVALIDITY voids the stored UID and
 * resyncs the recent mail; Message-IDs keep that from storing anything twice. Uses BODY.PEEK, so the
 * mailbox's \Seen flags are left alone. Failures are recorded on the mailbox row and retried by the
 * next poll.
 */
export async function pollMailbox(ctx: Ctx, channelId: number): Promise<PollResult> {
  const result: PollResult = { stored: 0, fetched: 0, resynced: false };
  const channel = await loadChannelById(ctx, channelId);
  if (!channel || channel.type !== 'email' || channel.status !== 'active') return result;
  const scope = scopeOfChannel(ctx, channel);
  const cursor = await claimMailbox(scope, channelId);
  if (!cursor) return { ...result, skipped: true };
  const client = await imapClient(channel.config as EmailConfig).catch(async (err) => {
    await releaseMailbox(scope, cursor.id, { lastError: imapError(err).reason });
    await setChannelProblem(scope, channelId, imapError(err).reason);
    throw imapError(err);
  });
  client.on('error', (err) => ctx.log.warn({ err, channelId }, 'IMAP connection error'));
  try {
    await client.connect();
    const box = await client.mailboxOpen(MAILBOX, { readOnly: true });
    const uidValidity = Number(box.uidValidity);
    const known = cursor.uidValidity === uidValidity;
    if (cursor.uidValidity !== null && !known) {
      result.resynced = true;
      ctx.log.warn(
        { channelId, was: cursor.uidValidity, now: uidValidity },
        'UIDVALIDITY changed: resyncing the inbox',
      );
    }
    let last = known ? cursor.lastUid : 0;
    let range: string | null = null;
    if (last > 0) {
      if (box.exists > 0 && Number(box.uidNext ?? last + 2) > last + 1) range = `${last + 1}:*`;
    } else if (box.exists > 0) {
      const since = new Date(Date.now() - FIRST_SYNC_DAYS * 86_400_000);
      const uids = (await client.search({ since }, { uid: true })) || [];
      range = uids.length > 0 ? uids.join(',') : null;
      // Nothing recent: older mail is history, not conversations; start after it.
      if (!range) last = Math.max(0, Number(box.uidNext ?? 1) - 1);
    }
    if (range) {
      // Sizes first (cheap), so a mail over the cap is never downloaded: only its headers are kept.
      const listed: { uid: number; size: number }[] = [];
      for await (const msg of client.fetch(range, { uid: true, size: true }, { uid: true })) {
        // `n:*` always answers the highest message, even when its UID is below n (RFC 3501).
        if (msg.uid > last) listed.push({ uid: msg.uid, size: msg.size ?? 0 });
      }
      listed.sort((a, b) => a.uid - b.uid);
      for (const { uid, size } of listed.slice(0, MAX_PER_POLL)) {
        const tooLarge = size > ctx.config.emailMaxBytes;
        const msg = await client.fetchOne(String(uid), tooLarge ? { headers: true } : { source: true }, { uid: true });
        const raw = msg ? (tooLarge ? msg.headers : msg.source) : undefined;
        if (raw) {
          result.fetched++;
          const inserted = await scope
            .insert(webhookEvents, {
              channelId,
              providerEventId: emailKey(raw),
              contentType: 'message/rfc822',
              body: raw.toString('base64'),
              headers: {
                'content-transfer-encoding': 'base64',
                [IMAP_UID_HEADER]: String(uid),
                [IMAP_UIDVALIDITY_HEADER]: String(uidValidity),
                ...(tooLarge ? { [EMAIL_TOO_LARGE_HEADER]: `${size}/${ctx.config.emailMaxBytes}` } : {}),
              },
            })
            .onConflictDoNothing()
            .returning({ id: webhookEvents.id });
          if (inserted.length > 0) result.stored++;
        }
        // Only now that the message is safe (or gone from the mailbox) does the cursor move past it.
        await scope.update(
          emailMailboxes,
          { uidValidity, lastUid: uid, pollingUntil: leaseEnd() },
          eq(emailMailboxes.id, cursor.id),
        );
        last = uid;
      }
    }
    await releaseMailbox(scope, cursor.id, { uidValidity, lastUid: last, lastError: null });
    if (cursor.lastError) await setChannelProblem(scope, channelId, null);
    if (result.resynced) reopenEmailWatcher(ctx, channelId);
    return result;
  } catch (err) {
    const reason = imapError(err).reason;
    ctx.log.warn({ channelId, reason }, 'email poll failed');
    await releaseMailbox(scope, cursor.id, { lastError: reason });
    await setChannelProblem(scope, channelId, reason);
    throw imapError(err);
  } finally {
    if (result.stored > 0) wakeInboundProcessor(ctx);
    await client.logout().catch(() => client.close());
  }
}

/** Takes the mailbox for one poll (null: another poll holds it). */
async function claimMailbox(scope: Scope, channelId: number) {
  const cursor = await cursorOf(scope, channelId);
  const [claimed] = await scope
    .update(
      emailMailboxes,
      { pollingUntil: leaseEnd() },
      eq(emailMailboxes.id, cursor.id),
      or(isNull(emailMailboxes.pollingUntil), lte(emailMailboxes.pollingUntil, sql`now()`)),
    )
    .returning();
  return claimed ?? null;
}

async function releaseMailbox(scope: Scope, id: number, values: Partial<typeof emailMailboxes.$inferInsert>) {
  await scope.update(
    emailMailboxes,
    { ...values, lastPolledAt: new Date(), pollingUntil: null },
    eq(emailMailboxes.id, id),
  );
}
