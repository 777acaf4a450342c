import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../src/db/schema';
import { factories } from './support/factories';
import { loginSession } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

describe('presence', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => rt?.close());

  const connect = (cookie: string, workspace: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = io(rt.url, { extraHeaders: { cookie }, auth: { workspace }, transports: ['websocket'] });
      s.on('connect', () => resolve(s));
      s.on('connect_error', reject);
    });

  it('follows sockets: online on the first connection, away when chosen, offline when the last one leaves', async () => {
    const f = factories(rt.ctx);
    const { ws, owner, scope } = await f.workspace();
    const agent = await f.member(ws.id, 'agent');
    const ownerSession = await loginSession(rt.url, owner.email);
    const agentSession = await loginSession(rt.url, agent.email);
    const watcher = await connect(ownerSession.cookieHeader, ws.slug);
    const heard: { userId: number; status: string }[] = [];
    watcher.on('presence', (p) => heard.push(p));
    const presenceOf = async (userId: number) =>
      (await scope.find(memberships, eq(memberships.userId, userId)))[0]!.presence;

    const first = await connect(agentSession.cookieHeader, ws.slug);
    const second = await connect(agentSession.cookieHeader, ws.slug);
    await eventually(async () => (await presenceOf(agent.id)) === 'online');
    await eventually(async () => heard.some((h) => h.userId === agent.id && h.status === 'online'));

    expect((await agentSession.put(`/api/w/${ws.slug}/presence`, { status: 'away' })).status).toBe(204);
    await eventually(async () => heard.some((h) => h.userId === agent.id && h.status === 'away'));

    first.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(await presenceOf(agent.id)).toBe('away');
    second.close();
    await eventually(async () => (await presenceOf(agent.id)) === 'offline');
    await eventually(async () => heard.some((h) => h.userId === agent.id && h.status === 'offline'));
    watcher.close();
  });
});
