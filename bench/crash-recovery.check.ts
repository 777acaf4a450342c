import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../apps/server/src/lib/crypto';
import { testDatabase } from '../apps/server/test/support/database';
import { loginSession, type Session } from '../apps/server/test/support/http';
import { eventually } from '../apps/server/test/support/runtime';
import { runCharla, type ServerEnv, type ServerProcess, spawnServer } from '../apps/server/test/support/server-process';

/**
 * The ingest promise under the worst crash a process can have: `kill -9` while webhooks stream in.
 * Every webhook answered 200 must become exactly one message after a restart on the same data; the ones
 * in flight at the kill may or may not, but a provider's re-delivery of any of them is stored once.
 */

const SENDERS = 8;
const KILL_AFTER_ACKS = 300;
const OWNER = { email: 'owner@crash.charla.test', password: 'crash-test-password' };

// The embedded database always (its data-dir lock is part of the story); PostgreSQL too when configured.
const backends = [
  { name: 'embedded PGlite', postgres: false },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

interface StreamResult {
  attempted: string[];
  acked: Set<string>;
  /** Non-200 answers and transport errors that happened before the kill (there should be none). */
  errorsBeforeKill: string[];
}

function postSigned(url: string, channelId: number, secret: string, id: string, sender: string) {
  const raw = JSON.stringify({ id, sender: { id: sender, name: `Crash ${sender}` }, text: id });
  return fetch(`${url}/webhooks/custom/${channelId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-charla-signature': `sha256=${hmacSha256Hex(secret, raw)}` },
    body: raw,
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * `SENDERS` concurrent loops post unique ids until the server dies (each loop stops at its first transport
 * error); `onAcks` fires once when `KILL_AFTER_ACKS` ids were acknowledged. Bounded in count and time.
 */
async function streamUntilKilled(
  url: string,
  channelId: number,
  secret: string,
  kill: () => void,
  deadlineMs = 20_000,
): Promise<StreamResult> {
  const attempted: string[] = [];
  const acked = new Set<string>();
  const errorsBeforeKill: string[] = [];
  let killed = false;
  const deadline = Date.now() + deadlineMs;
  const sender = async (s: number) => {
    for (let n = 0; n < 5_000 && Date.now() < deadline; n++) {
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
  expect(convs.body.items.length).toBeLessThan(500);
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
    expect(page.body.items.length).toBeLessThan(500); // one page holds it all, or we would miss some
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
    const env: ServerEnv = { dataDir, ownerEmail: OWNER.email, ownerPassword: OWNER.password };
    if (postgres) {
      const db = await testDatabase();
      dropDatabase = db.drop;
      env.databaseUrl = db.databaseUrl;
    }

    // 1. A real server process, and a custom channel created through the API.
    const first = await spawnServer(env);
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

    // 2. Stream webhooks and SIGKILL the server mid-stream.
    const stream = await streamUntilKilled(first.url, channelId, secret, () => first.child.kill('SIGKILL'));
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(stream.errorsBeforeKill).toEqual([]);
    expect(stream.acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    if (!postgres) {
      // The killed process could not release its lock: the restart must take a stale lock over.
      expect(fs.readFileSync(path.join(dataDir, 'charla.lock'), 'utf8')).toBe(String(first.pid));
    }

    // 3. Restart on the same data.
    const second = await spawnServer(env);
    running.push(second);
    if (!postgres) {
      // A second process on the same embedded data dir is refused, and the running one is unharmed.
      const intruder = await runCharla(['start'], env);
      expect(intruder.code).not.toBe(0);
      expect(intruder.code).not.toBeNull();
      expect(intruder.stderr).toMatch(/data directory .* is in use by another Charla process \(pid \d+\)/);
      expect(intruder.stderr).toContain(String(second.pid));
      expect(fs.readFileSync(path.join(dataDir, 'charla.lock'), 'utf8')).toBe(String(second.pid));
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    }

    // 4. Once processing drains, every acknowledged id is exactly one message.
    const session = await loginSession(second.url, OWNER.email, OWNER.password);
    const acked = [...stream.acked];
    const afterDrain = await eventually(async () => {
      const counts = await storedBodies(session);
      return acked.every((id) => counts.has(id)) ? counts : undefined;
    }, 30_000).catch(async (err) => {
      const counts = await storedBodies(session);
      const missing = acked.filter((id) => !counts.has(id));
      throw new Error(`${missing.length} acknowledged ids never became messages (e.g. ${missing.slice(0, 5)}): ${err}`);
    });
    const duplicated = [...afterDrain].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicated).toEqual([]);
    const ackedSet = new Set(acked);
    const unacked = stream.attempted.filter((id) => !ackedSet.has(id));
    // Ids we never asked for cannot appear either.
    const attemptedSet = new Set(stream.attempted);
    expect([...afterDrain.keys()].filter((id) => !attemptedSet.has(id))).toEqual([]);

    // 5. The provider retries what it did not see acknowledged (and, to be sure, everything else): each id
    //    ends up stored exactly once.
    let next = 0;
    const redelivery: string[] = [];
    const redeliver = async () => {
      while (next < stream.attempted.length) {
        const id = stream.attempted[next++]!;
        const s = id.split('-')[1];
        const res = await postSigned(second.url, channelId, secret, id, `sender-${s}`);
        await res.arrayBuffer();
        if (res.status !== 200) redelivery.push(`${id}: HTTP ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, redeliver));
    expect(redelivery).toEqual([]);
    const final = await eventually(async () => {
      const counts = await storedBodies(session);
      return stream.attempted.every((id) => counts.has(id)) ? counts : undefined;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1_000)); // let any straggling duplicate job run
    const settled = await storedBodies(session);
    expect(settled).toEqual(final);
    expect([...settled.values()].every((n) => n === 1)).toBe(true);
    expect(settled.size).toBe(stream.attempted.length);
    console.info(
      `crash recovery (${postgres ? 'PostgreSQL' : 'PGlite'}): ${acked.length} acked before kill -9, ` +
        `${unacked.length} in flight (${unacked.filter((id) => afterDrain.has(id)).length} of them stored anyway)` +
        (/retrying jobs left active/.test(second.output()) ? '; the restart retried jobs the killed process held' : ''),
    );

    await second.stop();
    expect((await second.exited).code).toBe(0);
    if (!postgres) expect(fs.existsSync(path.join(dataDir, 'charla.lock'))).toBe(false);
  }, 90_000);
});
