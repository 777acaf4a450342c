import type { Ctx } from '../../context';
import { activeChannelIdsOfType, releaseAbandonedEmailPolls } from '../channels/service';
import { EmailIdleWatchers } from './idle';
import { pollMailbox } from './poller';

export const EMAIL_POLL_JOB = 'email.poll';

/**
 * The IMAP poll of each email channel is a pg-boss job (`stately`: per channel at most one waiting and
 * one running, across every worker process). A failed poll is recorded on the mailbox and simply
 * retried by the next one; the cursor in `email_mailboxes` makes every poll resume where the last
 * stored message was.
 */
export function defineEmailPollJob(ctx: Ctx) {
  ctx.jobs.define<{ channelId: number }>({
    name: EMAIL_POLL_JOB,
    policy: 'stately',
    retryLimit: 0,
    batchSize: 5,
    concurrency: 5,
    expireInSeconds: 600,
    handler: async ({ channelId }) => {
      await pollMailbox(ctx, channelId).catch(() => {}); // recorded on the mailbox row; the next tick retries
    },
  });
}

/** Asks for a poll of one email channel now (no-op when one is already waiting). */
export const requestEmailPoll = (ctx: Ctx, channelId: number) =>
  ctx.jobs.send(EMAIL_POLL_JOB, { channelId }, { singletonKey: `channel:${channelId}` });

/** How often each worker process looks for new or removed email channels to watch. */
const WATCH_SYNC_MS = 10_000;

/**
 * Every `EMAIL_POLL_SECONDS`, queues a poll of every active email channel; in between, an IDLE
 * connection per channel queues one as soon as mail arrives. Runs in each worker process; the queue's
 * policy keeps one poll per channel however many processes ask.
 */
export class EmailPollScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<void>>();
  readonly watchers: EmailIdleWatchers;

  constructor(private readonly ctx: Ctx) {
    this.watchers = new EmailIdleWatchers(ctx, (channelId) => requestEmailPoll(ctx, channelId));
  }

  async start(): Promise<void> {
    if (this.ctx.dbh.kind === 'pglite') await releaseAbandonedEmailPolls(this.ctx);
    const every = (ms: number, task: () => Promise<void>) => {
      const run = () => {
        const p = task().catch((err) => this.ctx.log.warn({ err }, 'email scheduler'));
        this.running.add(p);
        void p.finally(() => this.running.delete(p));
      };
      run();
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.ctx.config.emailPollSeconds * 1000, async () => {
      for (const id of await activeChannelIdsOfType(this.ctx, 'email')) await requestEmailPoll(this.ctx, id);
    });
    every(WATCH_SYNC_MS, async () => this.watchers.sync(await activeChannelIdsOfType(this.ctx, 'email')));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.running);
    await this.watchers.stop();
  }
}
