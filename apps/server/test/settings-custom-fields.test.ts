import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../src/db/schema';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound } from './support/tenant-world';

describe('Settings → Contact fields: edit and delete definitions', () => {
  let rt: TestRuntime;
  let owner: Session;
  let agent: Session;
  let base: string;
  let contactId: number;
  let scope: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>['scope'];

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace();
    scope = w.scope;
    base = `/api/w/${w.ws.slug}`;
    owner = await loginSession(rt.url, w.owner.email);
    agent = await loginSession(rt.url, (await f.member(w.ws.id, 'agent')).email);
    const { channel, secret } = await f.customChannel(w.scope);
    const sender = { externalId: 'cf-1', name: 'Ana', email: '', phone: '', text: 'hola' };
    contactId = (await inbound(rt, w.scope, { id: channel.id, secret }, sender)).contactId;
  });
  afterAll(async () => rt?.close());

  it('renames a field and changes a list’s values; key and type stay', async () => {
    const created = await owner.json('POST', `${base}/custom-fields`, {
      key: 'plan',
      label: 'Plan',
      type: 'list',
      options: ['basic', 'pro'],
    });
    expect(created.status).toBe(201);
    const url = `${base}/custom-fields/${created.body.id}`;
    const res = await owner.json('PATCH', url, { label: 'Subscription', options: ['basic', 'pro', 'max', 'max'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: created.body.id,
      key: 'plan',
      label: 'Subscription',
      type: 'list',
      options: ['basic', 'pro', 'max'],
    });
    expect((await owner.json('PATCH', url, { options: [] })).status).toBe(400);
    expect((await agent.json('PATCH', url, { label: 'Nope' })).status).toBe(403);
    expect((await owner.json('PATCH', `${base}/custom-fields/999999`, { label: 'x' })).status).toBe(404);
    const list = await agent.json('GET', `${base}/custom-fields`);
    expect(list.body.items.map((f: { label: string }) => f.label)).toEqual(['Subscription']);
  });

  it('deletes a definition and every contact’s value for it, leaving the other values', async () => {
    const a = await owner.json('POST', `${base}/custom-fields`, { key: 'vip', label: 'VIP', type: 'checkbox' });
    const b = await owner.json('POST', `${base}/custom-fields`, { key: 'city', label: 'City', type: 'text' });
    const edit = await owner.json('PATCH', `${base}/contacts/${contactId}`, {
      customFields: { vip: true, city: 'Lima' },
    });
    expect(edit.status).toBe(200);
    expect((await agent.json('DELETE', `${base}/custom-fields/${a.body.id}`)).status).toBe(403);
    expect((await owner.json('DELETE', `${base}/custom-fields/${a.body.id}`)).status).toBe(204);
    const [c] = await scope.find(contacts, eq(contacts.id, contactId));
    expect(c!.customFields).toEqual({ city: 'Lima' });
    expect((await owner.json('DELETE', `${base}/custom-fields/${a.body.id}`)).status).toBe(404);
    const keys = (await owner.json('GET', `${base}/custom-fields`)).body.items.map((f: { key: string }) => f.key);
    expect(keys).toEqual(['plan', 'city']);
    expect(b.status).toBe(201);
  });
});
