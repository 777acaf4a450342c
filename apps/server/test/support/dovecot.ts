import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';

export interface TestMailServer {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** Delivers a raw message into the user's INBOX (IMAP APPEND), as if it had just arrived. */
  deliver(raw: Buffer | string): Promise<void>;
  /** Changes the user's password (as when someone rotates it without telling Charla). */
  setPassword(pass: string): void;
  /** Makes the server hand out a new UIDVALIDITY (as after a mailbox rebuild): every UID changes. */
  resetUidValidity(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port: number, log: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '(no log)';
  throw new Error(`dovecot did not listen on ${port}:\n${tail}`);
}

/**
 * A private Dovecot (Debian's, see scripts/ensure-dovecot.sh) for one test file: its own config in a
 * temp dir, plaintext login on a loopback port, one passwd-file user with a Maildir in the temp dir,
 * logs in `dovecot.log` there. Runs in the foreground (`dovecot -F`) and is stopped by `close()`.
 * As root, mail is owned by the `mail` user (Dovecot refuses uid 0 for mail access).
 */
export async function startDovecot(): Promise<TestMailServer> {
  if (!fs.existsSync(DOVECOT)) throw new Error('Dovecot is missing: run scripts/ensure-dovecot.sh');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'support@our-domain.test';
  const pass = 'imap-test-pass';
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  const mailUser = root ? 'mail' : me.username;
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  if (root) fs.chownSync(home, 8, 8);
  const log = path.join(dir, 'dovecot.log');
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${pass}::::::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = charla-test-${port}
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = ${root ? 'dovenull' : me.username}
default_internal_user = ${root ? 'dovecot' : me.username}
default_internal_group = ${root ? 'dovecot' : (os.userInfo().gid ?? '')}
mail_location = maildir:${home}/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${home}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const proc: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  try {
    await waitForPort(port, log);
  } catch (err) {
    proc.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }

  const client = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass },
      logger: false,
      disableAutoIdle: true,
    });

  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    async deliver(raw) {
      const c = client();
      await c.connect();
      try {
        await c.append('INBOX', typeof raw === 'string' ? Buffer.from(raw) : raw);
      } finally {
        await c.logout();
      }
    },
    setPassword(newPass) {
      fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${newPass}::::::\n`);
    },
    async resetUidValidity() {
      // Dovecot keeps UIDVALIDITY in the Maildir's uidlist and index; rebuilt without them, it picks a
      // new one (the current time, so wait a second to be sure it differs).
      await new Promise((r) => setTimeout(r, 1100));
      const maildir = path.join(home, 'Maildir');
      for (const f of fs.readdirSync(maildir))
        if (f.startsWith('dovecot-uidlist') || f.startsWith('dovecot.index')) fs.rmSync(path.join(maildir, f));
    },
    async close() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
