import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db, Tx } from '../../db/client';
import { Scope } from '../../db/scope';
import { channels, emailMailboxes, workspaces } from '../../db/schema';
import { ChannelError, type NetworkPolicy } from '../../channels/types';
import { AppError, notFound } from '../../http/errors';

export type ChannelRow = typeof channels.$inferSelect;

export interface LoadedChannel {
  id: number;
  workspaceId: number;
  type: string;
  name: string;
  status: ChannelRow['status'];
  config: unknown;
  /** The workspace's default phone country, for numbers that arrive in national format. */
  defaultCountry: string | null;
}

export const webhookUrlFor = (ctx: Ctx, ch: { id: number; type: string }) =>
  `${ctx.publicUrl()}/webhooks/${ch.type}/${ch.id}`;

export function serializeChannel(ctx: Ctx, ch: ChannelRow) {
  return {
    id: ch.id,
    type: ch.type,
    name: ch.name,
    status: ch.status,
    statusReason: ch.statusReason,
    webhookUrl: webhookUrlFor(ctx, ch),
  };
}

const networkPolicy = (ctx: Ctx): NetworkPolicy => ({ allowPrivateHosts: ctx.config.allowPrivateHosts });

/** A configuration as the adapter would store it, or `invalid_channel_config` naming the bad fields. */
function prepareChannelConfig(adapter: ReturnType<Ctx['channels']['get']>, type: string, config: unknown) {
  try {
    return adapter.prepareConfig(config);
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    const detail = issues ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
    throw new AppError('invalid', 'invalid_channel_config', `Invalid ${type} configuration: ${detail}`);
  }
}

/**
 * Tries a configuration against the provider without storing anything (Settings' "Test connection"):
 * the provider's refusal comes back as `channel_connect_failed` with its reason.
 */
export async function testChannelConnection(ctx: Ctx, input: { type: string; config: unknown }): Promise<void> {
  const adapter = ctx.channels.get(input.type);
  const prepared = prepareChannelConfig(adapter, input.type, input.config);
  if (!adapter.testConnection) return;
  try {
    await adapter.testConnection(prepared.config, networkPolicy(ctx));
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    throw new AppError('invalid', 'channel_connect_failed', err.reason);
  }
}

export async function createChannel(ctx: Ctx, scope: Scope, input: { type: string; name: string; config: unknown }) {
  const adapter = ctx.channels.get(input.type);
  const prepared = prepareChannelConfig(adapter, input.type, input.config);
  const [row] = await scope
    .insert(channels, {
      type: input.type,
      name: input.name,
      configEncrypted: ctx.secrets.seal(JSON.stringify(prepared.config)),
    })
    .returning();
  if (adapter.connect) {
    try {
      await adapter.connect(prepared.config, { id: row!.id, webhookUrl: webhookUrlFor(ctx, row!) }, networkPolicy(ctx));
    } catch (err) {
      await scope.delete(channels, eq(channels.id, row!.id));
      if (!(err instanceof ChannelError)) throw err;
      throw new AppError('invalid', 'channel_connect_failed', `${input.type} refused the connection: ${err.reason}`);
    }
  }
  return { channel: row!, shownOnce: prepared.shownOnce ?? {} };
}

export async function listChannels(scope: Scope) {
  return scope.find(channels).orderBy(asc(channels.id));
}

// Webhooks arrive at a high rate for few channels: keep decrypted configs briefly in memory.
const cache = new Map<number, { at: number; channel: LoadedChannel | null }>();
const CACHE_MS = 10_000;

export function forgetChannel(id: number) {
  cache.delete(id);
}

/**
 * Loads a channel by id alone. Only for entry points that learn the workspace from the channel (provider
 * webhooks, jobs); everything user-facing goes through a Scope.
 */
export async function loadChannelById(ctx: Ctx, id: number, db: Db | Tx = ctx.db): Promise<LoadedChannel | null> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.channel;
  const [found] = await db
    .select({ row: channels, defaultCountry: workspaces.defaultCountry })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .where(eq(channels.id, id));
  const row = found?.row;
  const channel = row
    ? {
        id: row.id,
        workspaceId: row.workspaceId,
        type: row.type,
        name: row.name,
        status: row.status,
        config: JSON.parse(ctx.secrets.open(row.configEncrypted)),
        defaultCountry: found.defaultCountry,
      }
    : null;
  cache.set(id, { at: Date.now(), channel });
  return channel;
}

export async function loadChannelInScope(ctx: Ctx, scope: Scope, id: number): Promise<LoadedChannel> {
  // Read through the scope's own connection: inside a transaction on the embedded database, a query on
  // another one waits for the transaction to end, which waits for the query.
  const ch = await loadChannelById(ctx, id, scope.unscopedDb);
  if (!ch || ch.workspaceId !== scope.workspaceId) throw notFound('Channel');
  return ch;
}

/** Every active channel of one type across workspaces, for pollers that start from the channel (email). */
export async function activeChannelIdsOfType(ctx: Ctx, type: string): Promise<number[]> {
  const rows = await ctx.db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.type, type), eq(channels.status, 'active')));
  return rows.map((r) => r.id);
}

/**
 * Embedded database: the data-dir lock makes this the only process, so a mailbox still held by a poll
 * was held by a process that died; free it at start rather than when the lease runs out.
 */
export async function releaseAbandonedEmailPolls(ctx: Ctx): Promise<void> {
  await ctx.db
    .update(emailMailboxes)
    .set({ pollingUntil: null, idleHolder: null, idleUntil: null })
    .where(or(isNotNull(emailMailboxes.pollingUntil), isNotNull(emailMailboxes.idleHolder)));
}

/**
 * Takes or renews, for the process `holder`, the IDLE watch of each channel's inbox whose lease is free,
 * expired or already its own, for `seconds`; returns the channel ids it holds now. A mailbox row is
 * created when missing (a new channel, not polled yet). Another process's live lease is left alone, so
 * each mailbox has one IDLE connection however many workers run.
 */
export async function holdEmailIdleLeases(
  ctx: Ctx,
  holder: string,
  channelIds: number[],
  seconds: number,
): Promise<Set<number>> {
  if (channelIds.length === 0) return new Set();
  await ctx.db.execute(sql`
    insert into ${emailMailboxes} (workspace_id, channel_id, mailbox)
    select ${channels.workspaceId}, ${channels.id}, 'INBOX' from ${channels}
    where ${inArray(channels.id, channelIds)}
    on conflict do nothing`);
  const held = await ctx.db
    .update(emailMailboxes)
    .set({ idleHolder: holder, idleUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(
      and(
        inArray(emailMailboxes.channelId, channelIds),
        eq(emailMailboxes.mailbox, 'INBOX'),
        or(
          isNull(emailMailboxes.idleHolder),
          eq(emailMailboxes.idleHolder, holder),
          lte(emailMailboxes.idleUntil, sql`now()`),
        ),
      ),
    )
    .returning({ channelId: emailMailboxes.channelId });
  return new Set(held.map((r) => r.channelId));
}

/** Gives up every IDLE lease of the process `holder` (it stops), so another worker takes them at once. */
export async function releaseEmailIdleLeases(ctx: Ctx, holder: string): Promise<void> {
  await ctx.db
    .update(emailMailboxes)
    .set({ idleHolder: null, idleUntil: null })
    .where(eq(emailMailboxes.idleHolder, holder));
}

/**
 * What is wrong with a channel right now, shown under its status in Settings (null: nothing). The
 * status stays `active`, so whatever failed (an email poll) keeps being retried and clears it.
 */
export async function setChannelProblem(scope: Scope, id: number, reason: string | null): Promise<void> {
  await scope.update(channels, { statusReason: reason?.slice(0, 500) ?? null }, eq(channels.id, id));
}

/** The scope of the workspace a channel belongs to, for entry points that start from the channel (widget visitors). */
export const scopeOfChannel = (ctx: Ctx, channel: { workspaceId: number }) => new Scope(ctx.db, channel.workspaceId);

/** Replaces a channel's configuration (already validated by its adapter's schema). */
export async function updateChannelConfig(ctx: Ctx, scope: Scope, id: number, config: unknown): Promise<void> {
  await scope.update(channels, { configEncrypted: ctx.secrets.seal(JSON.stringify(config)) }, eq(channels.id, id));
  forgetChannel(id);
}
