import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../src/db/schema';
import { sha256Hex } from '../src/lib/crypto';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const v2 = (url: string, token: string) =>
  fetch(`${url}/v2/space/tag`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('Settings → API tokens', () => {
  let rt: TestRuntime;
  let owner: Session;
  let restricted: Session;
  let agent: Session;
  let base: string;
  let scope: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>['scope'];

  beforeAll(async () => {
    // Resolved tokens are trusted for an hour here: a refusal right after a revocation can only come from
    // the revocation reaching the cache, never from the cache expiring.
    rt = await startTestRuntime({ apiTokenCacheSeconds: 3600 });
    const f = factories(rt.ctx);
    const w = await f.workspace();
    scope = w.scope;
    base = `/api/w/${w.ws.slug}/api-tokens`;
    owner = await loginSession(rt.url, w.owner.email);
    restricted = await loginSession(rt.url, (await f.member(w.ws.id, 'manager', 'all', ['integrations'])).email);
    agent = await loginSession(rt.url, (await f.member(w.ws.id, 'agent')).email);
  });
  afterAll(async () => rt?.close());

  it('creates a token shown once, stores only its hash, lists it without the secret, and revokes it', async () => {
    const created = await owner.json('POST', base, { name: 'Zapier' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^chr_/);
    const [row] = await scope.find(apiTokens, eq(apiTokens.id, created.body.id));
    expect(row!.tokenHash).toBe(sha256Hex(created.body.token));
    expect(JSON.stringify(row)).not.toContain(created.body.token);

    const list = await owner.json('GET', base);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, name: 'Zapier', lastUsedAt: null, createdBy: expect.any(Object) }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(JSON.stringify(list.body)).not.toContain(row!.tokenHash);

    expect((await owner.json('DELETE', `${base}/${created.body.id}`)).status).toBe(204);
    const [revoked] = await scope.find(apiTokens, eq(apiTokens.id, created.body.id));
    expect(revoked!.revokedAt).toBeInstanceOf(Date);
    expect((await owner.json('GET', base)).body.items).toEqual([]);
    expect((await owner.json('DELETE', `${base}/${created.body.id}`)).status).toBe(404);
  });

  it('stops a revoked token at once, although this process had it cached', async () => {
    const created = await owner.json('POST', base, { name: 'CRM sync' });
    expect(await v2(rt.url, created.body.token)).toBe(200);
    expect(await v2(rt.url, created.body.token)).toBe(200);
    expect((await owner.json('DELETE', `${base}/${created.body.id}`)).status).toBe(204);
    expect(await v2(rt.url, created.body.token)).toBe(401);
  });

  // Two server processes need a shared database; the embedded one is single-process by design.
  it.runIf(process.env.TEST_DATABASE_URL)('stops it in every other process sharing the database', async () => {
    const other = await startTestRuntime(
      { databaseUrl: rt.ctx.config.databaseUrl, apiTokenCacheSeconds: 3600 },
      { work: false },
    );
    try {
      const created = await owner.json('POST', base, { name: 'ERP' });
      expect(await v2(other.url, created.body.token)).toBe(200);
      expect((await owner.json('DELETE', `${base}/${created.body.id}`)).status).toBe(204);
      // The other process hears of it through the realtime adapter (PostgreSQL NOTIFY here).
      await eventually(async () => (await v2(other.url, created.body.token)) === 401);
    } finally {
      await other.close();
    }
  });

  it('refuses agents and managers restricted from integrations', async () => {
    for (const s of [agent, restricted]) {
      expect((await s.json('GET', base)).status).toBe(403);
      expect((await s.json('POST', base, { name: 'x' })).status).toBe(403);
    }
    expect((await owner.json('POST', base, { name: '  ' })).status).toBe(400);
  });
});
