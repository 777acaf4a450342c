import { managerRestrictionSchema } from '@charla/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../src/db/schema';
import { checkAnswer } from './support/expect-answer';
import { loginSession, type Session } from './support/http';
import { allows, bodyFor, fillUrl, paramsOf, routesOf, VISIBILITY_PARAMS } from './support/route-attacks';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { buildTenantWorld, callApi, csrfFor, type TenantWorld } from './support/tenant-world';

/**
 * Inside workspace A: every route checks the member's role (and a manager's restrictions), and an agent
 * with the `assigned` access level sees only what is assigned to them, for every route it may call.
 */
describe('tenant isolation: roles and the assigned access level', () => {
  let rt: TestRuntime;
  let w: TenantWorld;
  let agent: Session;
  let manager: Session;

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildTenantWorld(rt);
    agent = await loginSession(rt.url, w.a.agent.email);
    manager = await loginSession(rt.url, w.a.manager.email);
  });

  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  const hiddenThreads = () => [w.a.threads.open, w.a.threads.closed];

  it('an assigned-only agent: 403 where agents are not allowed, 404 for records not assigned to them, never their data', async () => {
    const problems: string[] = [];
    const csrf = await csrfFor(agent);
    const as = { cookie: agent.cookieHeader, csrf };
    const conversationsBefore = await w.a.scope.find(conversations).orderBy(conversations.id);
    const messagesBefore = await w.a.scope.count(messages);
    let forbidden = 0;
    for (const route of routesOf(rt).filter((r) => r.kind === 'roles')) {
      if (!allows(route, { role: 'agent' })) {
        forbidden++;
        const res = await callApi(rt.url, route.method, fillUrl(route.url, w.a.ids), {
          ...as,
          body: bodyFor(route, w.a.ids),
        });
        checkAnswer(problems, `${route.key} as agent`, res, { status: [403], code: 'forbidden', markers: [w.mark] });
        continue;
      }
      const hidesRecords = paramsOf(route.url).some((p) => VISIBILITY_PARAMS.has(p.stands));
      for (const thread of hidesRecords ? hiddenThreads() : [w.a.threads.open]) {
        const ids = w.a.idsOf(thread);
        const res = await callApi(rt.url, route.method, fillUrl(route.url, ids), { ...as, body: bodyFor(route, ids) });
        checkAnswer(problems, `${route.key} as agent on conversation ${thread.conversationId}`, res, {
          status: hidesRecords ? [404] : undefined,
          markers: [w.hidden],
        });
      }
    }
    expect(problems).toEqual([]);
    expect(forbidden).toBeGreaterThan(0);
    // The 404s changed nothing: no reply stored, no conversation marked read.
    expect(await w.a.scope.count(messages)).toBe(messagesBefore);
    expect(await w.a.scope.find(conversations).orderBy(conversations.id)).toEqual(conversationsBefore);
  });

  it('a manager gets 403 from owner-only routes and from the areas the owner restricted', async () => {
    const problems: string[] = [];
    const csrf = await csrfFor(manager);
    const restrictions = [...managerRestrictionSchema.options];
    let refused = 0;
    for (const route of routesOf(rt).filter((r) => r.kind === 'roles')) {
      if (allows(route, { role: 'manager', restrictions })) continue;
      refused++;
      const res = await callApi(rt.url, route.method, fillUrl(route.url, w.a.ids), {
        cookie: manager.cookieHeader,
        csrf,
        body: bodyFor(route, w.a.ids),
      });
      checkAnswer(problems, `${route.key} as restricted manager`, res, {
        status: [403],
        code: 'forbidden',
        markers: [w.mark],
      });
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(0);
  });

  it('an assigned-only agent’s lists hold only what is assigned to them, in every view and status', async () => {
    const slug = w.a.ws.slug;
    const mine = w.a.threads.mine;
    for (const status of ['open', 'closed']) {
      for (const view of ['all', 'mine', 'unassigned']) {
        const res = await callApi(rt.url, 'GET', `/api/w/${slug}/conversations?view=${view}&status=${status}`, {
          cookie: agent.cookieHeader,
        });
        expect(res.status, `${view}/${status}`).toBe(200);
        expect(res.text).not.toContain(w.hidden);
        const ids = (res.json as { items: { id: number }[] }).items.map((c) => c.id);
        const expected = status === 'open' && view !== 'unassigned' ? [mine.conversationId] : [];
        expect(ids, `${view}/${status}`).toEqual(expected);
      }
    }
    // The owner (all access) sees the rest, so the lists above are not empty by accident.
    const { body: ownerOpen } = await w.a.ownerSession.json('GET', `/api/w/${slug}/conversations?view=unassigned`);
    expect(ownerOpen.items.map((c: { id: number }) => c.id)).toEqual([w.a.threads.open.conversationId]);
    const { body: ownerClosed } = await w.a.ownerSession.json('GET', `/api/w/${slug}/conversations?status=closed`);
    expect(ownerClosed.items.map((c: { id: number }) => c.id)).toEqual([w.a.threads.closed.conversationId]);

    for (const search of ['', 'Ulises', 'Octavio', w.hidden, 'example.com']) {
      const res = await callApi(rt.url, 'GET', `/api/w/${slug}/contacts?search=${encodeURIComponent(search)}`, {
        cookie: agent.cookieHeader,
      });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(w.hidden);
      const ids = (res.json as { items: { id: number }[] }).items.map((c) => c.id);
      expect(ids, `search "${search}"`).toEqual(['', 'example.com'].includes(search) ? [mine.contactId] : []);
    }
    const { body: ownerContacts } = await w.a.ownerSession.json('GET', `/api/w/${slug}/contacts`);
    expect(ownerContacts.items).toHaveLength(3);
  });

  it('an assigned-only agent: 404 by id for what is not theirs; their own conversation works', async () => {
    const base = `/api/w/${w.a.ws.slug}`;
    for (const t of hiddenThreads()) {
      expect((await agent.get(`${base}/conversations/${t.conversationId}`)).status).toBe(404);
      expect((await agent.get(`${base}/conversations/${t.conversationId}/messages`)).status).toBe(404);
      expect((await agent.get(`${base}/contacts/${t.contactId}`)).status).toBe(404);
      const reply = await agent.post(`${base}/conversations/${t.conversationId}/messages`, { text: 'not mine' });
      expect(reply.status).toBe(404);
      expect((await agent.post(`${base}/conversations/${t.conversationId}/read`)).status).toBe(404);
    }
    expect(await w.a.scope.count(messages, eq(messages.body, 'not mine'))).toBe(0);
    const [open] = await w.a.scope.find(conversations, eq(conversations.id, w.a.threads.open.conversationId));
    expect(open!.unreadCount).toBe(1);

    const mine = w.a.threads.mine;
    expect((await agent.get(`${base}/conversations/${mine.conversationId}`)).status).toBe(200);
    expect((await agent.get(`${base}/contacts/${mine.contactId}`)).status).toBe(200);
    const history = await agent.json('GET', `${base}/conversations/${mine.conversationId}/messages`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual([mine.sender.text]);
    expect((await agent.post(`${base}/conversations/${mine.conversationId}/messages`, { text: 'mine' })).status).toBe(
      201,
    );
  });
});
