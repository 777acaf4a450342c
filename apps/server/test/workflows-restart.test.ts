import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../src/lib/crypto';
import { testDatabase } from './support/database';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually } from './support/runtime';
import { type ServerEnv, type ServerProcess, spawnServer } from './support/server-process';

/**
 * Runs are durable: a `charla start` process is killed with SIGKILL while one run waits on a question
 * and another on a Wait step; after a restart on the same data both carry on — the question takes the
 * answer sent to the new process, and the timer fires.
 */
const OWNER = { email: 'owner@wf-restart.charla.test', password: 'restart-test-password' };
const backends = [
  { name: 'embedded PGlite', postgres: false },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

const DRAFT = {
  name: 'Color',
  trigger: { type: 'conversation_opened', sources: ['contact'] },
  graph: {
    start: 'q',
    steps: [
      {
        id: 'q',
        type: 'ask_question',
        text: '¿Cuál es tu color favorito?',
        questionType: 'text',
        saveTo: { kind: 'variable', name: 'color' },
        next: 'w',
      },
      { id: 'w', type: 'wait', amount: 4, unit: 'seconds', next: 'done' },
      { id: 'done', type: 'send_message', text: 'Listo: $var.color', next: null },
    ],
  },
};

describe.each(backends)('workflow runs survive kill -9 on $name', ({ postgres }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-wf-restart-'));
  const running: ServerProcess[] = [];
  let dropDatabase = async () => {};
  let callback: Awaited<ReturnType<typeof startFakeCallback>> | undefined;

  afterAll(async () => {
    for (const s of running) await s.crash();
    await callback?.close();
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('resumes runs waiting on a question and on a Wait step', async () => {
    callback = await startFakeCallback();
    const cb = callback;
    const env: ServerEnv = { dataDir, ownerEmail: OWNER.email, ownerPassword: OWNER.password };
    if (postgres) {
      const db = await testDatabase();
      dropDatabase = db.drop;
      env.databaseUrl = db.databaseUrl;
    }
    const sentTo = (id: string) =>
      cb.calls
        .map((c) => JSON.parse(c.body) as { recipient: { id: string }; text: string })
        .filter((m) => m.recipient.id === id)
        .map((m) => m.text);
    let seq = 0;

    const first = await spawnServer(env, 60_000);
    running.push(first);
    const admin = await loginSession(first.url, OWNER.email, OWNER.password);
    const created = await admin.json<{ channel: { id: number }; secret: string }>('POST', '/api/w/demo/channels', {
      type: 'custom',
      name: 'Restart test',
      config: { callbackUrl: cb.url },
    });
    expect(created.status).toBe(201);
    const { secret } = created.body;
    const channelId = created.body.channel.id;
    const write = (url: string, sender: string, text: string) => {
      const raw = JSON.stringify({ id: `m-${++seq}`, sender: { id: sender }, text });
      return fetch(`${url}/webhooks/custom/${channelId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-charla-signature': `sha256=${hmacSha256Hex(secret, raw)}` },
        body: raw,
      });
    };
    const wf = await admin.json<{ id: number }>('POST', '/api/w/demo/workflows', { draft: DRAFT });
    expect(wf.status).toBe(201);
    expect((await admin.json('POST', `/api/w/demo/workflows/${wf.body.id}/publish`)).status).toBe(200);
    const runs = async (session: Session) =>
      (
        await session.json<{ items: { contactName: string; status: string; wait: { kind: string } | null }[] }>(
          'GET',
          `/api/w/demo/workflows/${wf.body.id}/runs`,
        )
      ).body.items;

    // Ana waits on the question; Beto answers and waits on the 4 s timer.
    expect((await write(first.url, 'ana', 'hola')).status).toBe(200);
    expect((await write(first.url, 'beto', 'hola')).status).toBe(200);
    await eventually(async () => sentTo('ana').length === 1 && sentTo('beto').length === 1, 30_000);
    await eventually(async () => (await runs(admin)).filter((r) => r.status === 'waiting').length === 2, 30_000);
    expect((await write(first.url, 'beto', 'azul')).status).toBe(200);
    await eventually(async () => (await runs(admin)).some((r) => r.wait?.kind === 'timer'), 30_000);

    await first.crash();
    const second = await spawnServer(env, 60_000);
    running.push(second);
    const again = await loginSession(second.url, OWNER.email, OWNER.password);

    expect((await write(second.url, 'ana', 'rojo')).status).toBe(200);
    // PostgreSQL retries a job the killed process held once its heartbeat is 10 s old: allow for that.
    await eventually(
      async () => sentTo('ana').includes('Listo: rojo') && sentTo('beto').includes('Listo: azul'),
      60_000,
    );
    await eventually(async () => (await runs(again)).every((r) => r.status === 'completed'), 30_000);
    expect(sentTo('ana')).toEqual(['¿Cuál es tu color favorito?', 'Listo: rojo']);
    expect(sentTo('beto')).toEqual(['¿Cuál es tu color favorito?', 'Listo: azul']);
  }, 240_000);
});
