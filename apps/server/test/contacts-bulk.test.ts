import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, contacts, contactTags, conversations } from '../src/db/schema';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound, type Thread } from './support/tenant-world';

describe('contacts list bulk actions: tag and assign', () => {
  let rt: TestRuntime;
  let owner: Session;
  let agent: Session;
  let agentId: number;
  let otherId: number;
  let base: string;
  let threads: Thread[];
  let scope: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>['scope'];

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace();
    scope = w.scope;
    base = `/api/w/${w.ws.slug}`;
    owner = await loginSession(rt.url, w.owner.email);
    const a = await f.member(w.ws.id, 'agent', 'assigned');
    agentId = a.id;
    otherId = (await f.member(w.ws.id, 'agent', 'all')).id;
    agent = await loginSession(rt.url, a.email);
    const { channel, secret } = await f.customChannel(w.scope);
    threads = [];
    for (const name of ['Ana', 'Beto', 'Carla']) {
      const sender = { externalId: `bulk-${name}`, name, email: '', phone: '', text: 'hola' };
      threads.push(await inbound(rt, w.scope, { id: channel.id, secret }, sender));
    }
  });
  afterAll(async () => rt?.close());

  const tagsOf = async (contactId: number) =>
    (await scope.find(contactTags, eq(contactTags.contactId, contactId))).map((t) => t.tagId);
  const kinds = async (contactId: number) =>
    (await scope.find(activities, eq(activities.contactId, contactId))).map((a) => a.kind);

  it('tags every chosen contact once, with a timeline entry each', async () => {
    const tag = await owner.json('POST', `${base}/tags`, { name: 'VIP' });
    const ids = [threads[0]!.contactId, threads[1]!.contactId];
    const res = await owner.json('POST', `${base}/contacts/bulk/tag`, { contactIds: ids, tagId: tag.body.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 2 });
    for (const id of ids) expect(await tagsOf(id)).toEqual([tag.body.id]);
    // The list shows each contact's tags and last activity (for the optional columns).
    const listed = (await owner.json('GET', `${base}/contacts`)).body.items as {
      id: number;
      tags: { name: string }[];
      lastActivityAt: string | null;
    }[];
    expect(listed.find((c) => c.id === ids[0])!.tags.map((x) => x.name)).toEqual(['VIP']);
    expect(listed.find((c) => c.id === threads[2]!.contactId)!.tags).toEqual([]);
    expect(listed.every((c) => c.lastActivityAt !== null)).toBe(true);
    expect(await tagsOf(threads[2]!.contactId)).toEqual([]);
    // Again: nothing changes, no second timeline entry.
    await owner.json('POST', `${base}/contacts/bulk/tag`, { contactIds: ids, tagId: tag.body.id });
    expect((await kinds(ids[0]!)).filter((k) => k === 'tag.added')).toHaveLength(1);
    expect((await owner.json('POST', `${base}/contacts/bulk/tag`, { contactIds: ids, tagId: 999999 })).status).toBe(
      404,
    );
  });

  it('assigns contacts and their open conversations, with a timeline entry each', async () => {
    const ids = [threads[0]!.contactId, threads[1]!.contactId];
    const res = await owner.json('POST', `${base}/contacts/bulk/assign`, { contactIds: ids, userId: agentId });
    expect(res.status).toBe(200);
    for (const t of threads.slice(0, 2)) {
      const [c] = await scope.find(contacts, eq(contacts.id, t.contactId));
      expect(c!.assigneeUserId).toBe(agentId);
      const [conv] = await scope.find(conversations, eq(conversations.id, t.conversationId));
      expect(conv!.assigneeUserId).toBe(agentId);
      expect(await kinds(t.contactId)).toContain('contact.assigned');
    }
    const listed = await agent.json('GET', `${base}/contacts`);
    expect(listed.body.items.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
    expect((await owner.json('POST', `${base}/contacts/bulk/assign`, { contactIds: ids, userId: 999999 })).status).toBe(
      404,
    );
  });

  it('an agent including one contact they cannot see changes nothing and gets 404', async () => {
    const tag = await owner.json('POST', `${base}/tags`, { name: 'Hidden probe' });
    const hidden = threads[2]!.contactId;
    const mine = threads[0]!.contactId;
    const res = await agent.json('POST', `${base}/contacts/bulk/tag`, {
      contactIds: [mine, hidden],
      tagId: tag.body.id,
    });
    expect(res.status).toBe(404);
    expect(await tagsOf(mine)).not.toContain(tag.body.id);
    const assign = await agent.json('POST', `${base}/contacts/bulk/assign`, {
      contactIds: [mine, hidden],
      userId: otherId,
    });
    expect(assign.status).toBe(404);
    const [c] = await scope.find(contacts, eq(contacts.id, mine));
    expect(c!.assigneeUserId).toBe(agentId);
    // Their own contact alone works.
    const ok = await agent.json('POST', `${base}/contacts/bulk/tag`, { contactIds: [mine], tagId: tag.body.id });
    expect(ok.status).toBe(200);
    expect(await tagsOf(mine)).toContain(tag.body.id);
  });
});
