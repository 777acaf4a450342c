import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../src/db/schema';
import { sha256Hex } from '../src/lib/crypto';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

describe('Settings → API tokens', () => {
  let rt: TestRuntime;
  let owner: Session;
  let restricted: Session;
  let agent: Session;
  let base: string;
  let scope: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>['scope'];

  beforeAll(async () => {
    rt = await startTestRuntime();
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

  it('refuses agents and managers restricted from integrations', async () => {
    for (const s of [agent, restricted]) {
      expect((await s.json('GET', base)).status).toBe(403);
      expect((await s.json('POST', base, { name: 'x' })).status).toBe(403);
    }
    expect((await owner.json('POST', base, { name: '  ' })).status).toBe(400);
  });
});
