import { eq } from 'drizzle-orm';
import { contactChannels, conversations, emailMailboxes, messages } from '../../src/db/schema';
import { pollMailbox } from '../../src/modules/email/poller';
import { fixture } from './channel-helpers';
import { startDovecot, type TestMailServer } from './dovecot';
import { factories } from './factories';
import { loginSession, type Session } from './http';
import { eventually, startTestRuntime, type TestRuntime } from './runtime';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver';

export const SUPPORT_ADDRESS = 'support@our-domain.test';
export const eml = (name: string) => fixture('email', name);

/**
 * One email test world: a private Dovecot holding the support mailbox, an SMTP receiver, a Charla
 * server (polling every `pollSeconds`, and watching the inbox with IDLE), a workspace with its owner logged in, and an email channel created
 * through the API (which logs into both servers first).
 */
export async function startEmailWorld(opts: { pollSeconds: number; maxBytes?: number }) {
  const imap: TestMailServer = await startDovecot();
  const smtp: SmtpReceiver = await startSmtpReceiver({
    user: 'smtp-user',
    pass: 'smtp-pass',
    accessToken: 'ya29.test-token',
  });
  const rt: TestRuntime = await startTestRuntime({
    emailPollSeconds: opts.pollSeconds,
    // Dovecot and the SMTP receiver listen on loopback, which email settings refuse unless allowed.
    allowPrivateHosts: ['127.0.0.1'],
    ...(opts.maxBytes ? { emailMaxBytes: opts.maxBytes } : {}),
  });
  const setup = await factories(rt.ctx).workspace();
  const session: Session = await loginSession(rt.url, setup.owner.email);
  const config = {
    imap: { host: imap.host, port: imap.port, secure: false, user: imap.user, pass: imap.pass },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: 'smtp-user', pass: 'smtp-pass' },
    fromAddress: SUPPORT_ADDRESS,
    fromName: 'Acme Support',
  };
  const created = await session.json('POST', `/api/w/${setup.ws.slug}/channels`, {
    type: 'email',
    name: 'Support',
    config,
  });
  if (created.status !== 201) throw new Error(`email channel not created: ${JSON.stringify(created.body)}`);
  const channelId = created.body.channel.id as number;
  const scope = setup.scope;
  return {
    imap,
    smtp,
    rt,
    setup,
    session,
    scope,
    config,
    channelId,
    /** Polls now (waiting for a poll already running to finish first). */
    poll: () =>
      eventually(async () => {
        const r = await pollMailbox(rt.ctx, channelId);
        return r.skipped ? undefined : r;
      }),
    cursor: async () => (await scope.find(emailMailboxes, eq(emailMailboxes.channelId, channelId)))[0]!,
    /** Waits for the message stored under this Message-ID. */
    stored: (messageId: string) =>
      eventually(async () => (await scope.find(messages, eq(messages.providerMessageId, messageId)))[0], 20_000),
    conversationOf: async (email: string) => {
      const [address] = await scope.find(contactChannels, eq(contactChannels.externalId, email));
      return (await scope.find(conversations, eq(conversations.contactId, address!.contactId)))[0]!;
    },
    reply: (conversationId: number, text: string) =>
      session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conversationId}/messages`, { text }),
    async close() {
      await rt.close();
      await smtp.close();
      await imap.close();
    },
  };
}
export type EmailWorld = Awaited<ReturnType<typeof startEmailWorld>>;
