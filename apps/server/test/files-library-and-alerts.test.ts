import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginSession, type Session } from './support/http';
import { buildInboxWorld, listen } from './support/inbox-world';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { uploadFile } from './support/tenant-world';

type Listed = { id: number; name: string; uploadedBy: { id: number; name: string } | null };

/** Settings → Files (list, search, delete rules), notification preferences and "assigned to you" notifications. */
describe('files library and alerts', () => {
  let rt: TestRuntime;
  let w: Awaited<ReturnType<typeof buildInboxWorld>>;
  let agent: Session;
  let colleague: Session;

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildInboxWorld(rt);
    agent = await loginSession(rt.url, w.agent.email);
    colleague = await loginSession(rt.url, w.colleague.email);
  });
  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  const list = async (s: Session, q = '') =>
    (await s.json('GET', `${w.base}/files${q ? `?q=${encodeURIComponent(q)}` : ''}`)).body.items as Listed[];

  it('lists files with their uploader, searches by name (LIKE characters literally) and deletes by the rules', async () => {
    const mine = await uploadFile(colleague, w.ws.slug, 'catálogo_100%.pdf', 'precios');
    const other = await uploadFile(w.owner, w.ws.slug, 'contrato.txt', 'firmar');

    const all = await list(colleague);
    expect(all.find((f) => f.id === mine)?.uploadedBy).toEqual({ id: w.colleague.id, name: w.colleague.name });
    expect((await list(colleague, 'CATÁLOGO')).map((f) => f.id)).toEqual([mine]);
    expect((await list(colleague, '_100%')).map((f) => f.id)).toEqual([mine]);
    expect((await list(colleague, '%')).map((f) => f.id)).toEqual([mine]);
    // The assigned-only agent sees neither (they uploaded nothing), so cannot delete either.
    expect(await list(agent)).toEqual([]);
    expect((await agent.delete(`${w.base}/files/${mine}`)).status).toBe(404);

    // An agent sees the owner's file but may delete only their own.
    expect((await colleague.delete(`${w.base}/files/${other}`)).status).toBe(403);
    expect((await colleague.delete(`${w.base}/files/${mine}`)).status).toBe(204);
    expect((await colleague.get(`/api/files/${mine}`)).status).toBe(404);
    expect((await list(colleague)).map((f) => f.id)).not.toContain(mine);

    // A file a sent reply carries stays, even for the owner.
    const t = await w.write('Marta Ruiz');
    const sent = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/messages`, {
      fileIds: [other],
    });
    expect(sent.status).toBe(201);
    const refused = await w.owner.json('DELETE', `${w.base}/files/${other}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('file_in_use');
    const loose = await uploadFile(colleague, w.ws.slug, 'borrador.txt', 'x');
    expect((await w.owner.delete(`${w.base}/files/${loose}`)).status).toBe(204);
  });

  it('stores browser and sound preferences per user', async () => {
    expect((await agent.json('GET', '/api/me')).body.user.notifications).toEqual({ browser: false, sound: true });
    const saved = await agent.json('PATCH', '/api/me', { notifications: { browser: true } });
    expect(saved.body.user.notifications).toEqual({ browser: true, sound: true });
    await agent.json('PATCH', '/api/me', { notifications: { sound: false } });
    expect((await agent.json('GET', '/api/me')).body.user.notifications).toEqual({ browser: true, sound: false });
    // Another user's preferences are untouched.
    expect((await colleague.json('GET', '/api/me')).body.user.notifications).toEqual({ browser: false, sound: true });
  });

  it('notifies a member a conversation was assigned to them, not when they take it themselves', async () => {
    const t = await w.write('Ana Paz');
    const socket = await listen(rt, agent, w.ws.slug);
    await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/assign`, {
      userId: w.agent.id,
      teamId: null,
    });
    await eventually(async () => socket.heard.some((h) => h.event === 'notification.created') || undefined);
    const mine = (await agent.json('GET', `${w.base}/notifications`)).body;
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'assignment', conversationId: t.conversationId, actorName: 'Owner' });
    socket.socket.close();

    const u = await w.write('Luis Mar');
    await colleague.json('POST', `${w.base}/conversations/${u.conversationId}/assign`, {
      userId: w.colleague.id,
      teamId: null,
    });
    expect((await colleague.json('GET', `${w.base}/notifications`)).body.items).toEqual([]);
  });
});
