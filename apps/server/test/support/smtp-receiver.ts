import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';

export interface ReceivedMail {
  raw: Buffer;
  mail: ParsedMail;
  from: string;
  to: string[];
  auth: SMTPServerAuthentication;
}

/** A scripted refusal for the next RCPT TO (`code` 4xx/5xx and the server's text). */
interface Refusal {
  code: number;
  text: string;
}

/**
 * A real SMTP server on loopback (the `smtp-server` library) that accepts mail for any recipient and
 * keeps it. Logins: the password `user`/`pass`, or XOAUTH2 with `accessToken`. `refuseNextRcpt`
 * answers the next RCPT TO with an error, as a real MTA would (451 greylisting, 550 5.1.1 no such user).
 */
export async function startSmtpReceiver(opts: { user: string; pass: string; accessToken?: string }) {
  const received: ReceivedMail[] = [];
  const refusals: Refusal[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.method === 'XOAUTH2') {
        if (opts.accessToken && auth.accessToken === opts.accessToken && auth.username)
          return cb(null, { user: auth.username });
        return cb(null, { data: { status: '401', schemes: 'bearer mac', scope: 'https://mail.google.com/' } });
      }
      if (auth.username === opts.user && auth.password === opts.pass) return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, cb) {
      const refusal = refusals.shift();
      if (!refusal) return cb();
      const err = new Error(refusal.text) as Error & { responseCode: number };
      err.responseCode = refusal.code;
      return cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        received.push({
          raw,
          mail: await simpleParser(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          auth: session.user as unknown as SMTPServerAuthentication,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received,
    refuseNextRcpt(code: number, text: string) {
      refusals.push({ code, text });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;
