import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import type { Workspace } from '../src/modules/workspaces/service';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The contacts list reads a page in two passes (the workspace's newest 5,000 contacts, then the older
 * ones; see `listContacts`). These check that the page is the same as one plain `ORDER BY id DESC LIMIT`
 * wherever the matches sit: only among old rows, only among new ones, or on both sides of the boundary.
 */
describe('contacts list page over more than the newest window', () => {
  let rt: TestRuntime;
  let ws: Workspace;
  let scope: Scope;
  let owner: Session;
  let agent: Session;
  let agentId: number;
  const f = () => factories(rt.ctx);

  /** Inserts `n` contacts named `<prefix><i>` in id order (i = 0 … n-1). */
  async function seed(workspaceId: number, prefix: string, n: number, assignee: number | null = null) {
    await rt.ctx.db.execute(sql`
      insert into contacts (workspace_id, first_name, last_name, assignee_user_id)
      select ${workspaceId}, ${prefix} || g, 'Lista', ${assignee}::bigint from generate_series(0, ${n - 1}) g order by g`);
  }

  const names = async (s: Session, query: string) => {
    const res = await s.json('GET', `/api/w/${ws.slug}/contacts?${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as { firstName: string }[]).map((c) => c.firstName);
  };
  const range = (prefix: string, from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, k) => `${prefix}${from - k}`);

  beforeAll(async () => {
    rt = await startTestRuntime();
    const w = await f().workspace();
    ({ ws, scope } = w);
    const agentUser = await f().member(ws.id, 'agent', 'assigned');
    agentId = agentUser.id;
    owner = await loginSession(rt.url, w.owner.email);
    agent = await loginSession(rt.url, agentUser.email);
    // Oldest first: 80 "Antiguo" (the first 40 assigned to the agent), 5,200 "Relleno", then 30 "Nuevo".
    await seed(ws.id, 'Antiguo', 40, agentId);
    await seed(ws.id, 'Antiguoo', 40);
    await seed(ws.id, 'Relleno', 5_200);
    await seed(ws.id, 'Nuevo', 30);
    // Another workspace's newer contacts match every search below and must neither show nor move the window.
    const other = await f().workspace();
    await seed(other.ws.id, 'Antiguo', 100);
  });
  afterAll(() => rt?.close());

  it('finds matches that are all older than the newest 5,000, newest first', async () => {
    expect(await scope.count(contacts)).toBe(5_310);
    const page = await names(owner, 'search=antiguoo&limit=50');
    expect(page).toEqual(range('Antiguoo', 39, 0));
    const firstTen = await names(owner, 'search=antiguo&limit=10');
    expect(firstTen).toEqual(range('Antiguoo', 39, 30));
  });

  it('fills a page from both sides of the boundary in id order', async () => {
    // "lista" (the surname) matches everything: the page is the newest 50, all from the first pass.
    expect(await names(owner, 'search=lista&limit=50')).toEqual([
      ...range('Nuevo', 29, 0),
      ...range('Relleno', 5_199, 5_180),
    ]);
    // A filter on one of the newest contacts.
    const filter = encodeURIComponent(
      JSON.stringify({
        $or: [{ category: 'contactField', field: 'firstName', operator: 'isEqualTo', value: 'Nuevo3' }],
      }),
    );
    expect(await names(owner, `filter=${filter}`)).toEqual(['Nuevo3']);
  });

  it('an assigned-only agent sees only their contacts, however old', async () => {
    expect(await names(agent, 'search=antiguo&limit=200')).toEqual(range('Antiguo', 39, 0));
    expect(await names(agent, 'limit=200')).toEqual(range('Antiguo', 39, 0));
  });

  it('a page of matches on both sides of the boundary', async () => {
    // Move ten of the newest contacts into the search's reach: the page must list them first, then the
    // old matches, with nothing from the other workspace.
    await rt.ctx.db.execute(sql`
      update contacts set last_name = 'Antiguo' where workspace_id = ${ws.id} and first_name like 'Nuevo%' and (substr(first_name, 6))::int >= 20`);
    const page = await names(owner, 'search=antiguo&limit=50');
    expect(page).toEqual([...range('Nuevo', 29, 20), ...range('Antiguoo', 39, 0)]);
    const longer = await names(owner, 'search=antiguo&limit=60');
    expect(longer).toEqual([...range('Nuevo', 29, 20), ...range('Antiguoo', 39, 0), ...range('Antiguo', 39, 30)]);
  });
});
