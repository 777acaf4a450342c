import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Ctx } from '../../context';
import type { Tx } from '../../db/client';
import { outboxEmails } from '../../db/schema';

export interface Email {
  workspaceId: number | null;
  to: string;
  subject: string;
  text: string;
}

const MAIL_JOB = 'mail.send';

/**
 * Transactional email (invites, password resets, notifications). Every email is recorded in the outbox
 * and sent by a durable job: through SMTP when `SMTP_URL` is set, otherwise written to the server log
 * and left in the outbox, where the workspace owner can read it.
 */
export class Mailer {
  private transport: Transporter | undefined;

  constructor(private readonly ctx: Pick<Ctx, 'config' | 'log' | 'jobs' | 'db'>) {
    if (ctx.config.smtpUrl) this.transport = nodemailer.createTransport(ctx.config.smtpUrl);
    ctx.jobs.define<{ outboxId: number }>({
      name: MAIL_JOB,
      retryLimit: 6,
      retryDelay: 10,
      handler: async ({ outboxId }) => this.deliver(outboxId),
    });
  }

  async enqueue(tx: Tx, email: Email): Promise<void> {
    const [row] = await tx.insert(outboxEmails).values(email).returning({ id: outboxEmails.id });
    await this.ctx.jobs.send(MAIL_JOB, { outboxId: row!.id }, { tx });
  }

  private async deliver(outboxId: number): Promise<void> {
    const [email] = await this.ctx.db.select().from(outboxEmails).where(eq(outboxEmails.id, outboxId));
    if (!email || email.delivered) return;
    if (!this.transport) {
      this.ctx.log.info(
        { to: email.to, subject: email.subject, text: email.text },
        'email (SMTP not configured; kept in outbox)',
      );
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.ctx.config.smtpFrom,
        to: email.to,
        subject: email.subject,
        text: email.text,
      });
      await this.ctx.db.update(outboxEmails).set({ delivered: true, error: null }).where(eq(outboxEmails.id, outboxId));
    } catch (err) {
      await this.ctx.db
        .update(outboxEmails)
        .set({ error: (err as Error).message.slice(0, 500) })
        .where(eq(outboxEmails.id, outboxId));
      throw err;
    }
  }
}
