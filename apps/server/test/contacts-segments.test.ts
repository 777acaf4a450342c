import type { SegmentCondition, SegmentGroup } from '@charla/contracts';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportContactsCommand } from '../src/cli/contacts-csv';
import { contactChannels, contacts, contactTags, tags } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { segmentWhere } from '../src/modules/contacts/segments/evaluate';
import { memberOf, type Workspace } from '../src/modules/workspaces/service';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * Segments over a small known world: three live contacts (ana, beto, carla), one merged away, and a
 * contact of another workspace that matches every condition. Each expectation lists the first names.
 */
describe('contact segments', () => {
  let rt: TestRuntime;
  let ws: Workspace;
  let scope: Scope;
  let owner: Session;
  let agent: Session;
  let agentId: number;
  let ownerId: number;
  let vip: number;
  let lead: number;
  const f = () => factories(rt.ctx);

  beforeAll(async () => {
    rt = await startTestRuntime();
    const w = await f().workspace();
    ({ ws, scope } = w);
    ownerId = w.owner.id;
    const agentUser = await f().member(ws.id, 'agent', 'assigned');
    agentId = agentUser.id;
    owner = await loginSession(rt.url, w.owner.email);
    agent = await loginSession(rt.url, agentUser.email);
    const custom = (await f().customChannel(scope)).channel;
    const webchat = (await f().webchatChannel(scope)).channel;
    const [ana, beto, carla] = await scope
      .insert(contacts, [
        {
          firstName: 'Ana',
          lastName: 'Muñoz',
          email: 'ana@example.com',
          customFields: { score: 10, plan: 'pro', renew: '2026-03-01' },
          assigneeUserId: agentId,
          createdAt: new Date('2025-06-01T12:00:00Z'),
        },
        {
          firstName: 'Beto',
          lastName: 'Peña',
          email: 'beto@corp.test',
          lifecycleStage: 'customer',
          customFields: { score: 3, plan: 'free' },
          createdAt: new Date('2026-01-05T12:00:00Z'),
        },
        { firstName: 'Carla', customFields: { score: 'n/a' }, createdAt: new Date('2026-02-01T12:00:00Z') },
      ])
      .returning();
    await scope.insert(contacts, { firstName: 'Ana', email: 'ana2@example.com', mergedIntoId: ana!.id });
    [vip, lead] = (await scope.insert(tags, [{ name: 'VIP' }, { name: 'Lead' }]).returning()).map((t) => t.id) as [
      number,
      number,
    ];
    await scope.insert(contactTags, [
      { contactId: ana!.id, tagId: vip },
      { contactId: beto!.id, tagId: vip },
      { contactId: beto!.id, tagId: lead },
    ]);
    await scope.insert(contactChannels, [
      { contactId: ana!.id, channelId: custom.id, externalId: 'a', lastInboundAt: new Date('2026-01-10T12:00:00Z') },
      { contactId: beto!.id, channelId: webchat.id, externalId: 'b', lastInboundAt: new Date('2026-02-20T12:00:00Z') },
    ]);
    expect(carla).toBeDefined();
    // Another workspace's contact matching everything above: never part of this workspace's segments.
    const other = await f().workspace();
    const [tagB] = await other.scope.insert(tags, { name: 'VIP' }).returning();
    const [intruder] = await other.scope
      .insert(contacts, {
        firstName: 'Ana',
        email: 'ana@example.com',
        customFields: { score: 10, plan: 'pro' },
        createdAt: new Date('2026-01-20T12:00:00Z'),
      })
      .returning();
    await other.scope.insert(contactTags, { contactId: intruder!.id, tagId: tagB!.id });
  });
  afterAll(async () => rt?.close());

  const names = async (definition: SegmentGroup, who: 'owner' | 'agent' | null = 'owner') => {
    const member = who ? await memberOf(rt.ctx.db, who === 'owner' ? ownerId : agentId, ws.slug) : null;
    const rows = await scope.unscopedDb
      .select({ name: contacts.firstName })
      .from(contacts)
      .where(segmentWhere(scope, definition, { member: member ?? null, timeZone: 'America/Mexico_City' }))
      .orderBy(asc(contacts.firstName));
    return rows.map((r) => r.name);
  };
  const field = (fieldName: string, operator: string, value?: unknown) =>
    ({ category: 'contactField', field: fieldName, operator, value }) as SegmentCondition;
  const one = (c: object): SegmentGroup => ({ $and: [c as SegmentCondition] });

  it('an empty definition is every live contact of the workspace (never merged-away ones, never another workspace)', async () => {
    expect(await names({ $and: [] })).toEqual(['Ana', 'Beto', 'Carla']);
    expect(await names({ $or: [] }, null)).toEqual(['Ana', 'Beto', 'Carla']);
  });

  it('compares standard and custom fields: equals, contains, exists', async () => {
    expect(await names(one(field('firstName', 'isEqualTo', 'ANA')))).toEqual(['Ana']);
    expect(await names(one(field('plan', 'isNotEqualTo', 'pro')))).toEqual(['Beto', 'Carla']);
    expect(await names(one(field('email', 'contains', 'EXAMPLE')))).toEqual(['Ana']);
    expect(await names(one(field('email', 'doesNotContain', 'example')))).toEqual(['Beto', 'Carla']);
    // A wildcard typed by the user is a literal character.
    expect(await names(one(field('email', 'contains', '%')))).toEqual([]);
    expect(await names(one(field('email', 'exists')))).toEqual(['Ana', 'Beto']);
    expect(await names(one(field('email', 'doesNotExist')))).toEqual(['Carla']);
    expect(await names(one(field('plan', 'exists')))).toEqual(['Ana', 'Beto']);
    expect(await names(one(field('plan', 'hasAnyOf', ['free', 'gold'])))).toEqual(['Beto']);
    expect(await names(one({ category: 'lifecycle', operator: 'isEqualTo', value: 'customer' }))).toEqual(['Beto']);
  });

  it('compares numbers, skipping values that are not numbers instead of failing', async () => {
    expect(await names(one(field('score', 'isGreaterThan', 5)))).toEqual(['Ana']);
    expect(await names(one(field('score', 'isLessThan', '5')))).toEqual(['Beto']);
    expect(await names(one(field('score', 'isBetween', [3, 10])))).toEqual(['Ana', 'Beto']);
    await expect(names(one(field('score', 'isGreaterThan', 'many')))).rejects.toThrow(/expected a number/);
  });

  it('compares dates (created, last inbound, a custom date) in the given time zone', async () => {
    expect(await names(one(field('createdAt', 'isTimestampAfter', '2026-01-01')))).toEqual(['Beto', 'Carla']);
    expect(await names(one(field('createdAt', 'isTimestampBefore', '2026-01-01')))).toEqual(['Ana']);
    expect(await names(one(field('lastInboundAt', 'isTimestampBetween', ['2026-02-01', '2026-03-01'])))).toEqual([
      'Beto',
    ]);
    expect(await names(one(field('lastInboundAt', 'doesNotExist')))).toEqual(['Carla']);
    expect(await names(one(field('renew', 'isTimestampAfter', '2026-02-01')))).toEqual(['Ana']);
    // 2026-01-05 12:00 UTC is 06:00 in Mexico City: after 05:00 local, before 07:00 local.
    expect(
      await names(one(field('createdAt', 'isTimestampBetween', ['2026-01-05T05:00', '2026-01-05T07:00']))),
    ).toEqual(['Beto']);
    await expect(names(one(field('createdAt', 'isGreaterThan', 5)))).rejects.toThrow(/isTimestamp/);
  });

  it('filters by tags (id or name), channel types and assignee', async () => {
    const tag = (operator: string, value?: unknown) => one({ category: 'contactTag', operator, value });
    expect(await names(tag('hasAnyOf', [vip]))).toEqual(['Ana', 'Beto']);
    expect(await names(tag('hasAllOf', [vip, lead]))).toEqual(['Beto']);
    expect(await names(tag('hasNoneOf', [lead]))).toEqual(['Ana', 'Carla']);
    expect(await names(tag('isEqualTo', 'vip'))).toEqual(['Ana', 'Beto']);
    expect(await names(tag('doesNotExist'))).toEqual(['Carla']);
    const channel = (operator: string, value?: unknown) => one({ category: 'contactChannel', operator, value });
    expect(await names(channel('hasAnyOf', ['webchat']))).toEqual(['Beto']);
    expect(await names(channel('hasNoneOf', ['custom']))).toEqual(['Beto', 'Carla']);
    expect(await names(channel('exists'))).toEqual(['Ana', 'Beto']);
    expect(await names(channel('doesNotExist'))).toEqual(['Carla']);
    expect(await names(one(field('assignee', 'isEqualTo', agentId)))).toEqual(['Ana']);
    expect(await names(one(field('assignee', 'doesNotExist')))).toEqual(['Beto', 'Carla']);
  });

  it('nests AND and OR groups', async () => {
    const vipTag = { category: 'contactTag', operator: 'hasAnyOf', value: [vip] } as SegmentCondition;
    expect(
      await names({
        $or: [{ $and: [vipTag, field('score', 'isGreaterThan', 5)] }, field('email', 'doesNotExist')],
      }),
    ).toEqual(['Ana', 'Carla']);
    expect(
      await names({
        $and: [
          { category: 'contactChannel', operator: 'exists' } as SegmentCondition,
          { $or: [field('firstName', 'isEqualTo', 'beto'), field('score', 'isGreaterThan', 5)] },
        ],
      }),
    ).toEqual(['Ana', 'Beto']);
    expect(await names({ $and: [vipTag, field('email', 'doesNotExist')] })).toEqual([]);
  });

  it('is ANDed with the visibility of an agent limited to assigned contacts', async () => {
    expect(await names({ $and: [] }, 'agent')).toEqual(['Ana']);
    expect(await names(one(field('firstName', 'isEqualTo', 'beto')), 'agent')).toEqual([]);
  });

  describe('over HTTP', () => {
    let segmentId: number;
    const definition = { $and: [{ category: 'contactTag', operator: 'hasAnyOf', value: [vip] }] };

    it('owners and managers create, rename and delete segments; agents only use them', async () => {
      const refused = await agent.json('POST', `/api/w/${ws.slug}/segments`, {
        name: 'Mine',
        definition: { $and: [] },
      });
      expect(refused.status).toBe(403);
      const created = await owner.json('POST', `/api/w/${ws.slug}/segments`, {
        name: 'VIP',
        definition: { $and: [{ category: 'contactTag', operator: 'hasAnyOf', value: [vip] }] },
      });
      expect(created.status).toBe(201);
      segmentId = created.body.id;
      const duplicate = await owner.json('POST', `/api/w/${ws.slug}/segments`, { name: 'vip', definition });
      expect(duplicate.status).toBe(409);
      const badOperator = await owner.json('POST', `/api/w/${ws.slug}/segments`, {
        name: 'Bad',
        definition: { $and: [{ category: 'contactTag', operator: 'isGreaterThan', value: 1 }] },
      });
      expect(badOperator.status).toBe(400);
      expect(badOperator.body.code).toBe('invalid_filter');
      const tooDeep = await owner.json('POST', `/api/w/${ws.slug}/segments`, {
        name: 'Deep',
        definition: { $and: [{ $or: [{ $and: [{ $or: [{ $and: [] }] }] }] }] },
      });
      expect(tooDeep.status).toBe(400);
      expect((await agent.json('PATCH', `/api/w/${ws.slug}/segments/${segmentId}`, { name: 'X' })).status).toBe(403);
      expect((await agent.json('DELETE', `/api/w/${ws.slug}/segments/${segmentId}`)).status).toBe(403);
      const listed = await agent.json('GET', `/api/w/${ws.slug}/segments`);
      expect(listed.body.items.map((s: { name: string }) => s.name)).toEqual(['VIP']);
      const temp = await owner.json('POST', `/api/w/${ws.slug}/segments`, { name: 'Temp', definition });
      const renamed = await owner.json('PATCH', `/api/w/${ws.slug}/segments/${temp.body.id}`, { name: 'Temp 2' });
      expect(renamed.body.name).toBe('Temp 2');
      expect((await owner.json('DELETE', `/api/w/${ws.slug}/segments/${temp.body.id}`)).status).toBe(204);
      expect((await owner.json('GET', `/api/w/${ws.slug}/segments/${temp.body.id}`)).status).toBe(404);
    });

    it('the contacts list, its count and the export take a segment, an unsaved filter and a view', async () => {
      const list = async (s: Session, query: string) => {
        const items = (await s.json('GET', `/api/w/${ws.slug}/contacts?${query}`)).body.items as {
          firstName: string;
        }[];
        const count = (await s.json('GET', `/api/w/${ws.slug}/contacts/count?${query}`)).body.count as number;
        return { names: items.map((c) => c.firstName).sort(), count };
      };
      expect(await list(owner, `segmentId=${segmentId}`)).toEqual({ names: ['Ana', 'Beto'], count: 2 });
      expect(await list(agent, `segmentId=${segmentId}`)).toEqual({ names: ['Ana'], count: 1 });
      expect(await list(owner, `segmentId=${segmentId}&view=unassigned`)).toEqual({ names: ['Beto'], count: 1 });
      expect(await list(owner, `segmentId=${segmentId}&search=pe%C3%B1a`)).toEqual({ names: ['Beto'], count: 1 });
      const filter = encodeURIComponent(
        JSON.stringify({ $or: [{ category: 'contactField', field: 'email', operator: 'doesNotExist' }] }),
      );
      expect(await list(owner, `filter=${filter}`)).toEqual({ names: ['Carla'], count: 1 });
      expect(await list(owner, `segmentId=${segmentId}&filter=${filter}`)).toEqual({ names: [], count: 0 });
      expect((await owner.json('GET', `/api/w/${ws.slug}/contacts?filter=%7B`)).status).toBe(400);

      const csv = await (await owner.get(`/api/w/${ws.slug}/contacts/export?segmentId=${segmentId}`)).text();
      expect(csv).toContain('ana@example.com');
      expect(csv).toContain('beto@corp.test');
      expect(csv.trim().split('\r\n')).toHaveLength(3);
      const agentCsv = await (await agent.get(`/api/w/${ws.slug}/contacts/export?segmentId=${segmentId}`)).text();
      expect(agentCsv).toContain('ana@example.com');
      expect(agentCsv).not.toContain('beto@corp.test');
    });

    it('a segment of another workspace is not found, in the list, the count, the export and the CRUD', async () => {
      const other = await f().workspace();
      const outsider = await loginSession(rt.url, other.owner.email);
      const theirs = await outsider.json('POST', `/api/w/${other.ws.slug}/segments`, { name: 'Theirs', definition });
      expect(theirs.status).toBe(201);
      for (const path of [
        `/contacts?segmentId=${theirs.body.id}`,
        `/contacts/count?segmentId=${theirs.body.id}`,
        `/contacts/export?segmentId=${theirs.body.id}`,
        `/segments/${theirs.body.id}`,
      ])
        expect((await owner.json('GET', `/api/w/${ws.slug}${path}`)).status).toBe(404);
      expect((await owner.json('DELETE', `/api/w/${ws.slug}/segments/${theirs.body.id}`)).status).toBe(404);
      // And ours is invisible from there.
      expect((await outsider.json('GET', `/api/w/${other.ws.slug}/contacts?segmentId=${segmentId}`)).status).toBe(404);
      expect((await outsider.json('GET', `/api/w/${ws.slug}/segments`)).status).toBe(404);
    });

    it('`charla export contacts --segment NAME` writes the segment, and refuses an unknown name', async () => {
      let out = '';
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out += String(chunk);
        return true;
      });
      try {
        await exportContactsCommand(rt.ctx, ws, { segment: 'vip' });
      } finally {
        write.mockRestore();
      }
      expect(out).toContain('ana@example.com');
      expect(out).toContain('beto@corp.test');
      expect(out).not.toContain('ana2@example.com');
      await expect(exportContactsCommand(rt.ctx, ws, { segment: 'Nope' })).rejects.toThrow(/No segment named "Nope"/);
    });
  });
});
