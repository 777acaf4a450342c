import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../src/lib/crypto';
import { testDatabase } from './support/database';
import { loginSession, type Session } from './support/http';
import { runCharla, type ServerEnv, type ServerProcess, spawnServer } from './support/server-process';

/**
 * The ingest promise under the worst crash a process can have: `kill -9` while webhooks stream in.
 * Every webhook answered 200 must become exactly one message after a restart on the same data; the ones
 * in flight at the kill may or may not, but a provider's re-delivery of any of them is stored once.
 *
 * Real `charla start` child processes, so every phase is bounded by its own deadline (generous: the suite
 * runs other files in parallel) and a failure says which phase ran out of time, with the servers' output.
 */

const SENDERS = 8;
const KILL_AFTER_ACKS = 300;
const OWNER = { email: 'owner@crash.charla.test', password: 'crash-test-password' };

// The embedded database always (its data-dir lock is part of the story); PostgreSQL too when configured.
const backends = [
  { name: 'embedded PGlite', postgres: false },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

/** Records how long each phase took, for the report and for failure messages. */
function phases() {
  const start = Date.now();
  let last = start;
  const done: string[] = [];
  return {
    mark(name: string) {
      const now = Date.now();
      done.push(`${name} ${((now - last) / 1000).toFixed(1)}s`);
      last = now;
    },
    toString: () => `${done.join(', ')} (total ${((Date.now() - start) / 1000).toFixed(1)}s)`,
  };
}

/** Polls `fn` every `everyMs` until it returns a value, or throws `what` after `timeoutMs`. */
async function pollUntil<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>, everyMs = 300) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs / 1000} s${lastError ? ` (${(lastError as Error).message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function postSigned(url: string, channelId: number, secret: string, id: string, sender: string) {
  const raw = JSON.stringify({ id, sender: { id: sender, name: `Crash ${sender}` }, text: id });
  return fetch(`${url}/webhooks/custom/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-charla-signature': `sha256=${hmacSha256Hex(secret, raw)}` },
    body: raw,
    signal: AbortSignal.timeout(20_000),
  });
}

const senderOf = (id: string) => `sender-${id.split('-')[1]}`;

interface StreamResult {
  attempted: string[];
  acked: Set<string>;
  /** Non-200 answers and transport errors that happened before the kill (there should be none). */
  errorsBeforeKill: string[];
}

/**
 * `SENDERS` concurrent loops post unique ids until the server dies (each loop stops at its first transport
 * error); `kill` runs once `KILL_AFTER_ACKS` ids were acknowledged. Bounded in count and time.
 */
async function streamUntilKilled(
  url: string,
  channelId: number,
  secret: string,
  kill: () => void,
  deadlineMs: number,
): Promise<StreamResult> {
  const attempted: string[] = [];
  const acked = new Set<string>();
  const errorsBeforeKill: string[] = [];
  let killed = false;
  const deadline = Date.now() + deadlineMs;
  const sender = async (s: number) => {
    for (let n = 0; n < 2_000 && !killed && Date.now() < deadline; n++) {
      const id = `crash-${s}-${n}`;
      attempted.push(id);
      try {
        const res = await postSigned(url, channelId, secret, id, `sender-${s}`);
        await res.arrayBuffer();
        if (res.status === 200) acked.add(id);
        else if (!killed) errorsBeforeKill.push(`${id}: HTTP ${res.status}`);
      } catch (err) {
        if (!killed) errorsBeforeKill.push(`${id}: ${(err as Error).message}`);
        return; // the server is gone
      }
      if (!killed && acked.size >= KILL_AFTER_ACKS) {
        killed = true;
        kill();
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  return { attempted, acked, errorsBeforeKill };
}

/** How many times each message body appears, read through the API (every contact's whole history). */
async function storedBodies(session: Session): Promise<Map<string, number>> {
  const convs = await session.json<{ items: { id: number; contact: { id: number } }[] }>(
    'GET',
    '/api/w/demo/conversations?view=all&status=open&limit=500',
  );
  if (convs.status !== 200) throw new Error(`list conversations: HTTP ${convs.status}`);
  if (convs.body.items.length >= 500) throw new Error('more conversations than one page holds');
  const counts = new Map<string, number>();
  const seenContacts = new Set<number>();
  for (const conv of convs.body.items) {
    // The message list is the contact's history: read it once per contact.
    if (seenContacts.has(conv.contact.id)) continue;
    seenContacts.add(conv.contact.id);
    const page = await session.json<{ items: { body: string | null }[] }>(
      'GET',
      `/api/w/demo/conversations/${conv.id}/messages?limit=500`,
    );
    if (page.status !== 200) throw new Error(`list messages: HTTP ${page.status}`);
    // One page must hold a contact's whole history, or we would miss messages.
    if (page.body.items.length >= 500) throw new Error('more messages for one contact than one page holds');
    for (const m of page.body.items) if (m.body) counts.set(m.body, (counts.get(m.body) ?? 0) + 1);
  }
  return counts;
}

describe.each(backends)('crash recovery on $name', ({ postgres }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-crash-'));
  const running: ServerProcess[] = [];
  let dropDatabase = async () => {};

  afterAll(async () => {
    for (const s of running) await s.crash();
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps every acknowledged webhook through kill -9 and a restart, and stores re-deliveries once', async () => {
    const t = phases();
    const fail = (err: unknown): never => {
      const out = running.map((s, i) => `--- server ${i + 1} output:\n${s.output().slice(-3_000)}`).join('\n');
      throw new Error(`${(err as Error).message}\nphases: ${t}\n${out}`);
    };
    const env: ServerEnv = { dataDir, ownerEmail: OWNER.email, ownerPassword: OWNER.password };
    if (postgres) {
      const db = await testDatabase();
      dropDatabase = db.drop;
      env.databaseUrl = db.databaseUrl;
    }

    // 1. A real server process, and a custom channel created through the API.
    const first = await spawnServer(env, 60_000).catch(fail);
    running.push(first);
    const admin = await loginSession(first.url, OWNER.email, OWNER.password);
    const created = await admin.json<{ channel: { id: number }; secret: string }>('POST', '/api/w/demo/channels', {
      type: 'custom',
      name: 'Crash test',
      config: {},
    });
    expect(created.status).toBe(201);
    const channelId = created.body.channel.id;
    const secret = created.body.secret;
    t.mark('start');

    // 2. Stream webhooks and SIGKILL the server mid-stream.
    const stream = await streamUntilKilled(first.url, channelId, secret, () => first.child.kill('SIGKILL'), 60_000);
    const exit = await first.exited;
    t.mark(`stream (${stream.acked.size} acked)`);
    expect(stream.errorsBeforeKill).toEqual([]);
    if (stream.acked.size < KILL_AFTER_ACKS) fail(new Error(`only ${stream.acked.size} acks before the deadline`));
    expect(exit.signal).toBe('SIGKILL');
    if (!postgres) {
      // The killed process could not release its lock: the restart must take a stale lock over.
      expect(fs.readFileSync(path.join(dataDir, 'charla.lock'), 'utf8')).toBe(String(first.pid));
    }

    // 3. Restart on the same data.
    const second = await spawnServer(env, 60_000).catch(fail);
    running.push(second);
    t.mark('restart');
    const session = await loginSession(second.url, OWNER.email, OWNER.password);
    const acked = [...stream.acked];

    // 4. Once processing drains, every acknowledged id is exactly one message. Meanwhile, on the embedded
    //    database, a second process on the same data dir is refused and the running one is unharmed.
    const intruder = postgres ? undefined : runCharla(['start'], env, 60_000);
    const afterDrain = await pollUntil('every acknowledged id stored as a message', 60_000, async () => {
      const counts = await storedBodies(session);
      return acked.every((id) => counts.has(id)) ? counts : undefined;
    }).catch(async (err) => {
      const counts = await storedBodies(session).catch(() => new Map<string, number>());
      const missing = acked.filter((id) => !counts.has(id));
      return fail(new Error(`${(err as Error).message}; ${missing.length} missing, e.g. ${missing.slice(0, 5)}`));
    });
    t.mark('drain');
    expect([...afterDrain].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
    // Ids we never sent cannot appear either.
    const attemptedSet = new Set(stream.attempted);
    expect([...afterDrain.keys()].filter((id) => !attemptedSet.has(id))).toEqual([]);
    if (intruder) {
      const refused = await intruder;
      expect(refused.signal).toBeNull();
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/data directory .* is in use by another Charla process \(pid \d+\)/);
      expect(refused.stderr).toContain(String(second.pid));
      expect(fs.readFileSync(path.join(dataDir, 'charla.lock'), 'utf8')).toBe(String(second.pid));
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      t.mark('second start refused');
    }

    // 5. The provider retries what it did not see acknowledged (and some acknowledged ones again): each id
    //    ends up stored exactly once.
    const ackedSet = new Set(acked);
    const unacked = stream.attempted.filter((id) => !ackedSet.has(id));
    const redeliver = [...unacked, ...acked.slice(0, 50)];
    let next = 0;
    const refusedRedeliveries: string[] = [];
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < redeliver.length) {
          const id = redeliver[next++]!;
          const res = await postSigned(second.url, channelId, secret, id, senderOf(id));
          await res.arrayBuffer();
          if (res.status !== 200) refusedRedeliveries.push(`${id}: HTTP ${res.status}`);
        }
      }),
    );
    expect(refusedRedeliveries).toEqual([]);
    const final = await pollUntil('every re-delivered id stored', 60_000, async () => {
      const counts = await storedBodies(session);
      return stream.attempted.every((id) => counts.has(id)) ? counts : undefined;
    }).catch(fail);
    await new Promise((r) => setTimeout(r, 1_000)); // let a straggling duplicate job, if any, run
    const settled = await storedBodies(session);
    expect(settled).toEqual(final);
    expect([...settled].filter(([, n]) => n !== 1)).toEqual([]);
    expect(settled.size).toBe(stream.attempted.length);
    t.mark('re-delivery');

    await second.stop(20_000);
    expect((await second.exited).code).toBe(0);
    if (!postgres) expect(fs.existsSync(path.join(dataDir, 'charla.lock'))).toBe(false);
    t.mark('stop');
    console.info(
      `crash recovery (${postgres ? 'PostgreSQL' : 'PGlite'}): ${acked.length} acked before kill -9, ` +
        `${unacked.length} in flight (${unacked.filter((id) => afterDrain.has(id)).length} of them stored anyway)` +
        (/retrying jobs left active/.test(second.output())
          ? '; the restart retried jobs the killed process held'
          : '') +
        `; ${t}`,
    );
  }, 240_000);
});
