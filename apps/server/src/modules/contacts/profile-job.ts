import { and, eq, isNull } from 'drizzle-orm';
import { ChannelError } from '../../channels/types';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { sideCallRetry } from '../../jobs/queue';
import { contactChannels, contacts } from '../../db/schema';
import { loadChannelById } from '../channels/service';

export const PROFILE_JOB = 'contacts.fetch-profile';

interface ProfileJob {
  workspaceId: number;
  channelId: number;
  contactId: number;
  externalId: string;
}

/**
 * Fetches the profile of a contact a channel knows only by an id (Messenger PSID, Instagram IGSID) and
 * fills what the contact lacks. Retryable failures (network, Graph throttling, 5xx) throw so the queue
 * retries with backoff; a 4xx refusal (no permission, user gone) leaves the contact as it is.
 */
export function defineProfileJob(ctx: Ctx) {
  ctx.jobs.define<ProfileJob>({
    name: PROFILE_JOB,
    ...sideCallRetry(ctx.config),
    handler: (job) => fetchContactProfile(ctx, job),
  });
}

/** Queues the profile fetch for a new address, in the caller's transaction, when its channel has one. */
export async function queueProfileFetch(
  ctx: Ctx,
  scope: Scope,
  channel: { id: number; type: string },
  contactId: number,
  externalId: string,
) {
  if (!ctx.channels.has(channel.type) || !ctx.channels.get(channel.type).fetchProfile) return;
  await ctx.jobs.send(
    PROFILE_JOB,
    { workspaceId: scope.workspaceId, channelId: channel.id, contactId, externalId },
    { tx: scope.unscopedDb },
  );
}

async function fetchContactProfile(ctx: Ctx, job: ProfileJob) {
  const channel = await loadChannelById(ctx, job.channelId);
  const adapter = channel && ctx.channels.has(channel.type) ? ctx.channels.get(channel.type) : null;
  if (!channel || !adapter?.fetchProfile) return;
  let profile: Awaited<ReturnType<NonNullable<typeof adapter.fetchProfile>>>;
  try {
    profile = await adapter.fetchProfile(job.externalId, channel.config);
  } catch (err) {
    // The error carries Graph's code and message, never the token (it travels in a header).
    if (!(err instanceof ChannelError) || err.retryable) throw err;
    ctx.log.info(
      { channelId: channel.id, contactId: job.contactId, code: err.code, reason: err.reason },
      'profile refused',
    );
    return;
  }
  const firstName = profile.firstName ?? profile.username ?? null;
  const lastName = profile.firstName ? (profile.lastName ?? null) : null;
  await new Scope(ctx.db, job.workspaceId).transaction(async (tx, rawTx) => {
    // Only an empty name is filled: whatever an agent typed meanwhile wins.
    const named = firstName
      ? await tx
          .update(
            contacts,
            { firstName, lastName },
            eq(contacts.id, job.contactId),
            isNull(contacts.firstName),
            isNull(contacts.lastName),
          )
          .returning({ id: contacts.id })
      : [];
    const pictured = profile.avatarUrl
      ? await tx
          .update(
            contacts,
            { avatarUrl: profile.avatarUrl },
            eq(contacts.id, job.contactId),
            isNull(contacts.avatarUrl),
          )
          .returning({ id: contacts.id })
      : [];
    const display = [profile.firstName, profile.lastName].filter(Boolean).join(' ') || profile.username;
    if (display)
      await tx.update(
        contactChannels,
        { displayName: display },
        and(eq(contactChannels.channelId, job.channelId), eq(contactChannels.externalId, job.externalId)),
        isNull(contactChannels.displayName),
      );
    if (named.length > 0 || pictured.length > 0)
      await ctx.events.emit(rawTx, job.workspaceId, 'contact.updated', { contactId: job.contactId });
  });
}
