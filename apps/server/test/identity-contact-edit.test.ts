import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './support/factories';
import { loginSession, type Session } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound } from './support/tenant-world';

describe('editing a contact: fields, custom fields, tags, timeline', () => {
  let rt: TestRuntime;
  let owner: Session;
  let agent: Session;
  let base: string;
  let contactId: number;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace({ defaultCountry: 'AR' });
    owner = await loginSession(rt.url, w.owner.email);
    agent = await loginSession(rt.url, (await f.member(w.ws.id, 'agent')).email);
    base = `/api/w/${w.ws.slug}`;
    const { channel, secret } = await f.customChannel(w.scope);
    const t = await inbound(
      rt,
      w.scope,
      { id: channel.id, secret },
      {
        externalId: 'ed-1',
        name: 'Lucía',
        email: '',
        phone: '',
        text: 'hola',
      },
    );
    contactId = t.contactId;
  });
  afterAll(async () => rt?.close());

  const timeline = async () =>
    (await owner.json('GET', `${base}/contacts/${contactId}/activities`)).body.items as {
      kind: string;
      data: Record<string, unknown>;
    }[];

  it('edits names and a phone typed nationally (normalized, recorded as an agent identifier), each with a timeline entry', async () => {
    const res = await agent.json('PATCH', `${base}/contacts/${contactId}`, {
      firstName: ' Lucía ',
      lastName: 'Gómez',
      phone: '011 15 2345-6789',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Lucía', lastName: 'Gómez', phone: '+5491123456789', country: 'AR' });
    expect(res.body.identifiers).toEqual([
      expect.objectContaining({ kind: 'phone', value: '+5491123456789', source: 'agent', verified: false }),
    ]);
    const entries = await timeline();
    expect(
      entries
        .filter((e) => e.kind === 'field.changed')
        .map((e) => e.data.field)
        .sort(),
    ).toEqual(['lastName', 'phone']);
    expect(entries.some((e) => e.kind === 'identifier.added')).toBe(true);

    const cleared = await owner.json('PATCH', `${base}/contacts/${contactId}`, { lastName: '' });
    expect(cleared.body.lastName).toBeNull();
  });

  it('validates custom field values by type', async () => {
    const fields = [
      { key: 'notes', type: 'text' },
      { key: 'orders', type: 'number' },
      { key: 'birthday', type: 'date' },
      { key: 'call_at', type: 'time' },
      { key: 'newsletter', type: 'checkbox' },
      { key: 'plan', type: 'list', options: ['free', 'pro'] },
      { key: 'billing_email', type: 'email' },
      { key: 'website', type: 'url' },
    ];
    for (const field of fields) {
      expect((await owner.json('POST', `${base}/custom-fields`, { ...field, label: field.key })).status).toBe(201);
    }
    expect((await agent.json('POST', `${base}/custom-fields`, { key: 'x', label: 'x', type: 'text' })).status).toBe(
      403,
    );
    const ok = await agent.json('PATCH', `${base}/contacts/${contactId}`, {
      customFields: {
        notes: 'Prefiere WhatsApp',
        orders: '3',
        birthday: '1990-02-28',
        call_at: '09:30',
        newsletter: true,
        plan: 'pro',
        billing_email: 'Pagos@Empresa.COM.AR',
        website: 'https://empresa.com.ar',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.customFields).toEqual({
      notes: 'Prefiere WhatsApp',
      orders: 3,
      birthday: '1990-02-28',
      call_at: '09:30',
      newsletter: true,
      plan: 'pro',
      billing_email: 'Pagos@empresa.com.ar',
      website: 'https://empresa.com.ar/',
    });
    const bad: [string, unknown][] = [
      ['orders', 'tres'],
      ['birthday', '1990-02-30'],
      ['call_at', '25:00'],
      ['newsletter', 'yes'],
      ['plan', 'enterprise'],
      ['billing_email', 'pagos@'],
      ['website', 'javascript:alert(1)'],
      ['unknown_field', 'x'],
    ];
    for (const [key, value] of bad) {
      const res = await agent.json('PATCH', `${base}/contacts/${contactId}`, { customFields: { [key]: value } });
      expect(res.status, key).toBe(400);
      expect(res.body.field, key).toBe(key);
    }
    const removed = await agent.json('PATCH', `${base}/contacts/${contactId}`, { customFields: { plan: null } });
    expect(removed.body.customFields.plan).toBeUndefined();
  });

  it('creates, applies, renames and deletes tags; agents cannot rename or delete', async () => {
    const vip = await agent.json('POST', `${base}/tags`, { name: 'VIP', color: '#ff8800' });
    expect(vip.status).toBe(201);
    expect((await agent.json('POST', `${base}/tags`, { name: 'vip' })).body.code).toBe('tag_name_taken');
    expect((await agent.json('POST', `${base}/tags`, { name: 'x', color: 'red' })).status).toBe(400);
    expect((await agent.post(`${base}/contacts/${contactId}/tags`, { tagId: vip.body.id })).status).toBe(204);
    expect((await agent.post(`${base}/contacts/${contactId}/tags`, { tagId: vip.body.id })).status).toBe(204);
    let contact = await owner.json('GET', `${base}/contacts/${contactId}`);
    expect(contact.body.tags).toEqual([{ id: vip.body.id, name: 'VIP', color: '#ff8800' }]);

    expect((await agent.json('PATCH', `${base}/tags/${vip.body.id}`, { name: 'Oro' })).status).toBe(403);
    expect((await owner.json('PATCH', `${base}/tags/${vip.body.id}`, { name: 'Oro' })).body.name).toBe('Oro');
    expect((await agent.delete(`${base}/contacts/${contactId}/tags/${vip.body.id}`)).status).toBe(204);
    await agent.post(`${base}/contacts/${contactId}/tags`, { tagId: vip.body.id });
    expect((await agent.delete(`${base}/tags/${vip.body.id}`)).status).toBe(403);
    expect((await owner.delete(`${base}/tags/${vip.body.id}`)).status).toBe(204);
    contact = await owner.json('GET', `${base}/contacts/${contactId}`);
    expect(contact.body.tags).toEqual([]);
    const tagEntries = (await timeline()).filter((e) => e.kind.startsWith('tag.')).map((e) => [e.kind, e.data.name]);
    // Newest first; each entry keeps the name the tag had at the time.
    expect(tagEntries).toEqual([
      ['tag.added', 'Oro'],
      ['tag.removed', 'Oro'],
      ['tag.added', 'VIP'],
    ]);
  });
});
