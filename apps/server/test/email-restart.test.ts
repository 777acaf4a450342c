import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './support/database';
import { startDovecot, type TestMailServer } from './support/dovecot';
import { loginSession, type Session } from './support/http';
import { eventually } from './support/runtime';
import { type ServerEnv, type ServerProcess, spawnServer } from './support/server-process';
import { type SmtpReceiver, startSmtpReceiver } from './support/smtp-receiver';

const OWNER = { email: 'owner@email-restart.charla.test', password: 'email-restart-password' };

const mail = (n: number) =>
  [
    'From: Ana Pérez <ana.perez@example.org>',
    'To: support@our-domain.test',
    `Subject: Pedido ${n}`,
    `Message-ID: <restart-${n}@example.org>`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `Mensaje número ${n}`,
    '',
  ].join('\r\n');

/** How many times each message body appears in the demo workspace, read through the API. */
async function bodies(session: Session): Promise<Map<string, number>> {
  const convs = await session.json<{ items: { id: number }[] }>('GET', '/api/w/demo/conversations?view=all&limit=100');
  const counts = new Map<string, number>();
  for (const conv of convs.body.items) {
    const page = await session.json<{ items: { body: string | null }[] }>(
      'GET',
      `/api/w/demo/conversations/${conv.id}/messages?limit=500`,
    );
    for (const m of page.body.items) if (m.body) counts.set(m.body, (counts.get(m.body) ?? 0) + 1);
  }
  return counts;
}

/**
 * The acceptance promise of the email channel across restarts of real `charla start` processes: a
 * message delivered to the mailbox appears once, whether it arrived while Charla ran, while it was
 * down after a `kill -9`, or before a clean restart (when the poll starts again from the stored cursor).
 */
describe('Email channel across restarts of the server (real processes, Dovecot)', () => {
  let imap: TestMailServer;
  let smtp: SmtpReceiver;
  let server: ServerProcess | null = null;
  let dropDatabase: (() => Promise<void>) | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-email-restart-'));
  const env: ServerEnv = {
    dataDir,
    ownerEmail: OWNER.email,
    ownerPassword: OWNER.password,
    // Dovecot and the SMTP receiver listen on loopback, which email settings refuse unless allowed.
    extra: { EMAIL_POLL_SECONDS: '1', CHARLA_ALLOW_PRIVATE_HOSTS: '127.0.0.1' },
  };

  beforeAll(async () => {
    imap = await startDovecot();
    smtp = await startSmtpReceiver({ user: 'smtp-user', pass: 'smtp-pass' });
    if (process.env.TEST_DATABASE_URL) {
      const db = await testDatabase();
      env.databaseUrl = db.databaseUrl;
      dropDatabase = db.drop;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await dropDatabase?.();
    await smtp?.close();
    await imap?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores each delivered message exactly once across a crash and a clean restart', async () => {
    server = await spawnServer(env, 60_000);
    let session = await loginSession(server.url, OWNER.email, OWNER.password);
    const created = await session.json('POST', '/api/w/demo/channels', {
      type: 'email',
      name: 'Support',
      config: {
        imap: { host: imap.host, port: imap.port, secure: false, user: imap.user, pass: imap.pass },
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: 'smtp-user', pass: 'smtp-pass' },
        fromAddress: 'support@our-domain.test',
      },
    });
    expect(created.status).toBe(201);

    await imap.deliver(mail(1));
    await eventually(async () => (await bodies(session)).get('Mensaje número 1'), 30_000);

    // kill -9, and mail arrives while nothing runs.
    await server.crash();
    await imap.deliver(mail(2));
    server = await spawnServer(env, 60_000);
    session = await loginSession(server.url, OWNER.email, OWNER.password);
    await eventually(async () => (await bodies(session)).get('Mensaje número 2'), 30_000);

    // A clean stop and start, with a third message.
    await server.stop();
    server = await spawnServer(env, 60_000);
    session = await loginSession(server.url, OWNER.email, OWNER.password);
    await imap.deliver(mail(3));
    await eventually(async () => (await bodies(session)).get('Mensaje número 3'), 30_000);

    await new Promise((r) => setTimeout(r, 2_500)); // a few more polls: nothing may come twice
    const counts = await bodies(session);
    expect([1, 2, 3].map((n) => counts.get(`Mensaje número ${n}`))).toEqual([1, 1, 1]);
  }, 240_000);
});
