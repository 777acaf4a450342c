import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../src/lib/crypto';
import { testDatabase } from './support/database';
import { loginSession, type Session } from './support/http';
import { eventually } from './support/runtime';
import { type ServerProcess, spawnServer } from './support/server-process';

const OWNER = { email: 'owner@multi.charla.test', password: 'multi-process-password' };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_LIMIT = 10;

/**
 * Two `charla start` processes on one PostgreSQL database and one Redis, as behind a load balancer: work
 * taken by either is done once, an agent connected to one hears what the other ingested, and a rate limit is
 * one budget across both. Only on PostgreSQL: the embedded database is single-process by design (its data
 * dir is locked; see crash-recovery.test.ts).
 */
describe.runIf(process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL and one Redis', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let ownerOnA: Session;
  const channel = { id: 0, secret: '' };

  beforeAll(async () => {
    db = await testDatabase();
    // Each run gets its own Redis namespace: socket.io channels and counters of other runs stay apart.
    const prefix = `charla-test-${randomBytes(4).toString('hex')}`;
    const secretKey = randomBytes(32).toString('hex');
    const start = async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-multi-'));
      dirs.push(dataDir);
      const server = await spawnServer(
        {
          dataDir,
          databaseUrl: db.databaseUrl,
          ownerEmail: OWNER.email,
          ownerPassword: OWNER.password,
          extra: {
            REDIS_URL,
            REDIS_PREFIX: prefix,
            CHARLA_API_RATE_LIMIT: String(API_LIMIT),
            // Resolved tokens are trusted for an hour: only the revocation message can stop one early.
            CHARLA_API_TOKEN_CACHE_SECONDS: '3600',
            // Both processes must decrypt what the other stored.
            CHARLA_SECRET_KEY: secretKey,
          },
        },
        60_000,
      );
      servers.push(server);
      return server;
    };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await start();
    b = await start();
    ownerOnA = await loginSession(a.url, OWNER.email, OWNER.password);
    const created = await ownerOnA.json<{ channel: { id: number }; secret: string }>('POST', '/api/w/demo/channels', {
      type: 'custom',
      name: 'Integración',
      config: {},
    });
    expect(created.status).toBe(201);
    channel.id = created.body.channel.id;
    channel.secret = created.body.secret;
  }, 150_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const post = (url: string, id: string, sender: string) => {
    const raw = JSON.stringify({ id, sender: { id: sender, name: `Cliente ${sender}` }, text: `texto ${id}` });
    return fetch(`${url}/webhooks/custom/${channel.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-charla-signature': `sha256=${hmacSha256Hex(channel.secret, raw)}`,
      },
      body: raw,
    });
  };

  it('an agent connected to one process hears, live, a message the other process received', async () => {
    const ownerOnB = await loginSession(b.url, OWNER.email, OWNER.password);
    const heard: { event: string; payload: { message?: { body?: string } } }[] = [];
    const socket: Socket = io(b.url, {
      extraHeaders: { cookie: ownerOnB.cookieHeader },
      auth: { workspace: 'demo' },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      socket.onAny((event, payload) => heard.push({ event, payload }));
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      expect((await post(a.url, 'live-1', 'live')).status).toBe(200);
      await eventually(
        async () => heard.find((h) => h.event === 'message.created' && h.payload.message?.body === 'texto live-1'),
        20_000,
      );
    } finally {
      socket.close();
    }
  });

  it('webhooks spread over both processes become one message each, and a re-delivery to the other is stored once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `spread-${i}`);
    const answers = await Promise.all(ids.map((id, i) => post(i % 2 ? a.url : b.url, id, `s${i % 5}`)));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    // The provider retries every one of them, to the other process this time.
    const again = await Promise.all(ids.map((id, i) => post(i % 2 ? b.url : a.url, id, `s${i % 5}`)));
    expect(again.map((r) => r.status)).toEqual(ids.map(() => 200));

    const bodies = await eventually(async () => {
      const seen: string[] = [];
      const list = await ownerOnA.json<{ items: { id: number }[] }>(
        'GET',
        '/api/w/demo/conversations?view=all&limit=500',
      );
      for (const c of list.body.items) {
        const history = await ownerOnA.json<{ items: { body: string | null }[] }>(
          'GET',
          `/api/w/demo/conversations/${c.id}/messages?limit=500`,
        );
        for (const m of history.body.items) if (m.body?.startsWith('texto spread-')) seen.push(m.body);
      }
      return seen.length >= ids.length ? seen : undefined;
    }, 60_000);
    expect(bodies.sort()).toEqual(ids.map((id) => `texto ${id}`).sort());
  });

  it('one API token has one rate-limit budget across both processes', async () => {
    const token = await ownerOnA.json<{ token: string }>('POST', '/api/w/demo/api-tokens', { name: 'Integración' });
    expect(token.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < API_LIMIT + 4; i++) {
      const res = await fetch(`${i % 2 ? a.url : b.url}/v2/space/tag`, {
        headers: { authorization: `Bearer ${token.body.token}` },
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    // The token's one-minute window opened at its first request. Alone, each process would have allowed
    // API_LIMIT (all 14); together they allow API_LIMIT.
    expect(statuses).toEqual([...Array(API_LIMIT).fill(200), ...Array(4).fill(429)]);
  });

  it('a token revoked through one process is refused by the other (told through Redis)', async () => {
    const created = await ownerOnA.json<{ id: number; token: string }>('POST', '/api/w/demo/api-tokens', {
      name: 'Revocable',
    });
    const onB = () =>
      fetch(`${b.url}/v2/space/channel`, { headers: { authorization: `Bearer ${created.body.token}` } }).then(
        async (r) => (await r.arrayBuffer(), r.status),
      );
    expect(await onB()).toBe(200);
    expect((await ownerOnA.json('DELETE', `/api/w/demo/api-tokens/${created.body.id}`)).status).toBe(204);
    await eventually(async () => (await onB()) === 401);
  });
});
