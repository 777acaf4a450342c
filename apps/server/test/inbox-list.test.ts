import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactTags, conversations, tags } from '../src/db/schema';
import { loginSession, type Session } from './support/http';
import { buildInboxWorld } from './support/inbox-world';
import { startTestRuntime, type TestRuntime } from './support/runtime';

/** The conversation list: views, filters, search over contacts and message text, pages and unread counts. */
describe('inbox list', () => {
  let rt: TestRuntime;
  let w: Awaited<ReturnType<typeof buildInboxWorld>>;
  let colleague: Session;
  const ids = (body: { items: { id: number }[] }) => body.items.map((c) => c.id);

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildInboxWorld(rt);
    colleague = await loginSession(rt.url, w.colleague.email);
  });
  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  it('pages through every conversation newest first with a cursor, without gaps or repeats', async () => {
    const threads = [];
    for (let i = 0; i < 7; i++) threads.push(await w.write(`Cliente ${i}`));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await w.owner.json(
        'GET',
        `${w.base}/conversations?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(threads.map((t) => t.conversationId).reverse());
    expect((await w.owner.json('GET', `${w.base}/conversations?cursor=nonsense`)).body.code).toBe('invalid_cursor');
  });

  it('searches contact name, email, phone and message text; filters by channel, tag and team', async () => {
    const ana = await w.write('Ana Beltrán', 'quiero las botas rojas talla 38');
    const luis = await w.write('Luis Campos', 'hola');
    const search = async (q: string) =>
      ids((await w.owner.json('GET', `${w.base}/conversations?search=${encodeURIComponent(q)}`)).body);
    expect(await search('beltrán')).toEqual([ana.conversationId]);
    expect(await search('BOTAS ROJAS')).toEqual([ana.conversationId]);
    expect(await search(luis.sender.email)).toEqual([luis.conversationId]);
    expect(await search(luis.sender.phone.replace(/\D/g, '').slice(-8))).toEqual([luis.conversationId]);
    expect(await search('zz%_')).toEqual([]);

    const [tag] = await w.scope.insert(tags, { name: 'VIP' }).returning();
    await w.scope.insert(contactTags, { contactId: luis.contactId, tagId: tag!.id });
    expect(ids((await w.owner.json('GET', `${w.base}/conversations?tagId=${tag!.id}`)).body)).toEqual([
      luis.conversationId,
    ]);
    const byChannel = await w.owner.json('GET', `${w.base}/conversations?channelId=${w.channel.id}&limit=200`);
    expect(ids(byChannel.body)).toContain(ana.conversationId);
    expect(ids((await w.owner.json('GET', `${w.base}/conversations?channelId=999999`)).body)).toEqual([]);

    const team = await w.f.team(w.ws.id, 'Soporte', [w.colleague.id]);
    await w.owner.post(`${w.base}/conversations/${ana.conversationId}/assign`, { userId: null, teamId: team.id });
    const teamView = await colleague.json('GET', `${w.base}/conversations?view=team&teamId=${team.id}`);
    expect(ids(teamView.body)).toEqual([ana.conversationId]);
    // An agent opens only the views of their own teams.
    const other = await w.f.team(w.ws.id, 'Otro');
    expect((await colleague.json('GET', `${w.base}/conversations?view=team&teamId=${other.id}`)).status).toBe(404);
    expect((await w.owner.json('GET', `${w.base}/conversations?view=team&teamId=${other.id}`)).status).toBe(200);
  });

  it('counts conversations with unread messages per view', async () => {
    await w.scope.update(conversations, { unreadCount: 0 });
    const mine = await w.write('Nora Vidal');
    const unassigned = await w.write('Óscar León');
    await w.owner.post(`${w.base}/conversations/${mine.conversationId}/assign`, {
      userId: w.colleague.id,
      teamId: null,
    });
    const counts = await colleague.json('GET', `${w.base}/conversations/unread-counts`);
    expect(counts.body).toMatchObject({ all: 2, mine: 1, unassigned: 1 });
    await colleague.post(`${w.base}/conversations/${unassigned.conversationId}/read`);
    expect((await colleague.json('GET', `${w.base}/conversations/unread-counts`)).body).toMatchObject({
      all: 1,
      mine: 1,
      unassigned: 0,
    });
    const [row] = await w.scope.find(conversations, eq(conversations.id, mine.conversationId));
    expect(row!.unreadCount).toBe(1);
  });
});
