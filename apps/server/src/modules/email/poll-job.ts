import type { Ctx } from '../../context';
import { activeChannelIdsOfType } from '../channels/service';
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

/**
 * Every `EMAIL_POLL_SECONDS`, queues a poll of every active email channel. Runs in each worker
 * process; the queue's policy keeps one poll per channel however many processes ask.
 */
export class EmailPollScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly ctx: Ctx) {}

  start(): void {
    const tick = () => {
      this.running = this.requestAll().finally(() => {
        this.running = null;
      });
    };
    tick();
    this.timer = setInterval(tick, this.ctx.config.emailPollSeconds * 1000);
    this.timer.unref();
  }

  private async requestAll(): Promise<void> {
    try {
      for (const id of await activeChannelIdsOfType(this.ctx, 'email')) await requestEmailPoll(this.ctx, id);
    } catch (err) {
      this.ctx.log.warn({ err }, 'could not queue email polls');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
