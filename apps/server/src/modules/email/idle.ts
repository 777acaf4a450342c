import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { imapClient } from '../../channels/email/client';
import type { EmailConfig } from '../../channels/email/schema';
import type { Ctx } from '../../context';
import { holdEmailIdleLeases, loadChannelById, releaseEmailIdleLeases } from '../channels/service';

/** A watching connection is replaced this often: a connection can go deaf without closing (seen after a
 * mailbox rebuild), and the regular polls are only the safety net. */
const RECYCLE_MS = 30 * 60_000;

/**
 * How long a process holds a mailbox's IDLE watch without renewing it (it renews at every sync, every
 * 10 s): after a crash, another process takes over within this, and polls fill the gap meanwhile.
 */
const IDLE_LEASE_SECONDS = 30;

const registry = new WeakMap<Ctx, EmailIdleWatchers>();

/** Replaces this process's watcher of a channel (its mailbox changed under it: new UIDVALIDITY). */
export function reopenEmailWatcher(ctx: Ctx, channelId: number): void {
  registry.get(ctx)?.reopen(channelId);
}

/**
 * One IMAP connection per email channel kept in IDLE (RFC 2177), so new mail is fetched within a second
 * instead of at the next poll: the server's EXISTS asks for a poll of the channel at once. The
 * connection is only a doorbell; polls (and their cursor) do the fetching, so a watcher that drops
 * loses nothing: it is reopened at the next sync, which also asks for a catch-up poll. Across worker
 * processes, only the holder of the mailbox's IDLE lease (`email_mailboxes.idle_holder`) watches it.
 */
export class EmailIdleWatchers {
  private readonly watchers = new Map<number, ImapFlow>();
  private stopped = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly ring: (channelId: number) => Promise<void>,
    /** This process's name in the leases. */
    readonly holder: string = randomUUID(),
  ) {
    registry.set(ctx, this);
  }

  /** The channels this process watches now. */
  watching(): number[] {
    return [...this.watchers.keys()];
  }

  /** Closes the channel's watcher and opens a new one (nothing when another process watches it). */
  reopen(id: number): void {
    const client = this.watchers.get(id);
    if (!client) return;
    this.close(id, client);
    if (!this.stopped) void this.open(id);
  }

  /**
   * Takes or renews the IDLE lease of each channel, opens watchers for those it holds and closes the
   * others (channels that are gone, or watched by another process since this one's lease ran out).
   */
  async sync(channelIds: number[]): Promise<void> {
    if (this.stopped) return;
    const wanted = await holdEmailIdleLeases(this.ctx, this.holder, channelIds, IDLE_LEASE_SECONDS);
    for (const [id, client] of this.watchers) if (!wanted.has(id)) this.close(id, client);
    await Promise.all([...wanted].filter((id) => !this.watchers.has(id)).map((id) => this.open(id)));
  }

  private close(id: number, client: ImapFlow) {
    this.watchers.delete(id);
    client.logout().catch(() => client.close());
  }

  private async open(id: number): Promise<void> {
    const channel = await loadChannelById(this.ctx, id);
    if (!channel || this.stopped) return;
    let client: ImapFlow;
    try {
      client = await imapClient(channel.config as EmailConfig, { watch: true });
    } catch (err) {
      this.ctx.log.warn({ err, channelId: id }, 'email watcher: no credentials');
      return;
    }
    this.watchers.set(id, client);
    setTimeout(() => {
      if (this.watchers.get(id) === client) this.close(id, client);
    }, RECYCLE_MS).unref();
    client.on('error', (err) => this.ctx.log.info({ err, channelId: id }, 'email watcher: connection error'));
    client.on('close', () => {
      if (this.watchers.get(id) === client) this.watchers.delete(id);
    });
    client.on('exists', () => {
      this.ring(id).catch((err) => this.ctx.log.warn({ err, channelId: id }, 'email watcher: could not queue a poll'));
    });
    try {
      await client.connect();
      await client.mailboxOpen('INBOX', { readOnly: true });
      await this.ring(id); // mail that arrived while nobody watched
    } catch (err) {
      this.ctx.log.info({ err, channelId: id }, 'email watcher: could not open the inbox; polling only');
      if (this.watchers.get(id) === client) this.close(id, client);
    }
  }

  /** Closes every watcher and gives up the leases, so another process watches at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (registry.get(this.ctx) === this) registry.delete(this.ctx);
    for (const [id, client] of this.watchers) this.close(id, client);
    await releaseEmailIdleLeases(this.ctx, this.holder).catch((err) =>
      this.ctx.log.warn({ err }, 'email watcher: could not release the IDLE leases'),
    );
  }
}
