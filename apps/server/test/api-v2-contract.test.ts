import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, contactChannels, customFields, workspaces } from '../src/db/schema';
import { createApiToken, revokeApiToken } from '../src/modules/tokens/service';
import { startFakeCallback } from './support/fake-callback';
import { factories } from './support/factories';
import { ContractClient } from './support/openapi-client';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * Contract tests of the developer API: every call goes through ContractClient, which validates requests
 * and answers against /v2/openapi.json, and the last test fails when a documented operation was never
 * called successfully.
 */
describe('API v2 contract', () => {
  let rt: TestRuntime;
  let api: ContractClient;
  let w: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let channelId: number;
  let agentId: number;
  const LIMIT = 150;

  beforeAll(async () => {
    rt = await startTestRuntime({ apiRateLimit: LIMIT });
    const f = factories(rt.ctx);
    w = await f.workspace({ defaultCountry: 'MX' });
    agentId = (await f.member(w.ws.id, 'agent')).id;
    callback = await startFakeCallback();
    channelId = (await f.customChannel(w.scope, { callbackUrl: callback.url })).channel.id;
    await w.scope.insert(customFields, { key: 'plan', label: 'Plan', type: 'text', options: [] });
    await w.scope.insert(customFields, { key: 'score', label: 'Score', type: 'number', options: [] });
    await rt.ctx.db
      .update(workspaces)
      .set({ settings: { closingNotes: { mode: 'required', categories: ['Resolved'] } } })
      .where(eq(workspaces.id, w.ws.id));
    const { token } = await createApiToken(w.scope, 'contract', w.owner.id);
    api = await ContractClient.load(rt.url, token);
  });
  afterAll(async () => {
    await callback?.close();
    await rt?.close();
  });

  it('serves an OpenAPI 3.1 document and offline docs', async () => {
    expect((api.doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
    const docs = await fetch(`${rt.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/docs/docs.js');
    expect((await fetch(`${rt.url}/docs/docs.js`)).status).toBe(200);
  });

  it('refuses missing, wrong and revoked tokens with 401', async () => {
    expect((await api.call('GET', '/v2/contact/id:1', undefined, { token: null })).status).toBe(401);
    expect((await api.call('GET', '/v2/contact/id:1', undefined, { token: 'chr_nope' })).status).toBe(401);
    const other = await createApiToken(w.scope, 'revoked', w.owner.id);
    await revokeApiToken(rt.ctx, w.scope, other.id, w.owner.id);
    expect((await api.call('GET', '/v2/space/tag', undefined, { token: other.token })).status).toBe(401);
  });

  it('creates, reads, updates, upserts and deletes contacts by identifier', async () => {
    const created = await api.call('POST', '/v2/contact/phone:55%201234%205678', {
      firstName: 'Ana',
      lastName: 'Pérez',
      email: 'Ana@Example.com',
      language: 'es',
      countryCode: 'mx',
      custom_fields: [
        { name: 'plan', value: 'gold' },
        { name: 'Score', value: 7 },
      ],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: '200', message: 'Contact added successfully!' });
    const id = created.body.contactId;
    const got = await api.call('GET', '/v2/contact/phone:+52%2055%201234%205678');
    expect(got.body).toMatchObject({
      id,
      firstName: 'Ana',
      phone: '+525512345678',
      email: 'Ana@example.com',
      countryCode: 'MX',
      status: null,
      custom_fields: [
        { name: 'plan', value: 'gold' },
        { name: 'score', value: 7 },
      ],
    });
    expect((await api.call('GET', '/v2/contact/email:ana@example.com')).body.id).toBe(id);
    const taken = await api.call('POST', '/v2/contact/phone:5512345678', {});
    expect(taken.body).toEqual({ code: 409, error: 'contact_exists', message: expect.any(String) });

    expect((await api.call('PUT', `/v2/contact/id:${id}`, { lastName: 'Gómez' })).body).toEqual({ contactId: id });
    expect((await api.call('GET', `/v2/contact/id:${id}`)).body.lastName).toBe('Gómez');

    const upserted = await api.call('POST', '/v2/contact/create_or_update/email:ana@example.com', {
      firstName: 'Anita',
    });
    expect(upserted.body.contactId).toBe(id);
    const fresh = await api.call('POST', '/v2/contact/create_or_update/email:luis@example.com', { firstName: 'Luis' });
    expect(fresh.body.contactId).not.toBe(id);

    expect((await api.call('DELETE', `/v2/contact/id:${fresh.body.contactId}`)).status).toBe(200);
    expect((await api.call('GET', `/v2/contact/id:${fresh.body.contactId}`)).status).toBe(404);
  });

  it('answers 400 for bad identifiers, bodies and values, and 404 for unknown contacts', async () => {
    const bad = async (method: string, path: string, body?: unknown) => {
      const res = await api.call(method, path, body, { invalidRequest: true });
      expect(res.status, `${method} ${path}`).toBe(400);
      // respond.io's error shape: the status as `code`; our stable reason in `error`.
      expect(res.body).toMatchObject({ code: 400, message: expect.any(String), error: expect.any(String) });
    };
    await bad('GET', '/v2/contact/name:ana');
    await bad('GET', '/v2/contact/phone:12');
    await bad('POST', '/v2/contact/id:5', {});
    await bad('POST', '/v2/contact/email:x@example.com', { firstName: 42 });
    await bad('POST', '/v2/contact/email:y@example.com', { custom_fields: [{ name: 'nope', value: 1 }] });
    await bad('POST', '/v2/contact/list', {
      filter: { $and: [{ category: 'contactField', field: 'x', operator: 'isBetween', value: 3 }] },
    });
    await bad('POST', '/v2/contact/list', {
      timezone: 'Mars/Olympus_Mons',
      filter: {
        $and: [{ category: 'contactField', field: 'created_at', operator: 'isTimestampAfter', value: '2026-01-01' }],
      },
    });
    expect((await api.call('GET', '/v2/contact/id:999999')).status).toBe(404);
    expect((await api.call('GET', '/v2/contact/email:nobody@example.com')).status).toBe(404);
  });

  it('lists contacts with search, the filter language and cursor pagination', async () => {
    const ids: number[] = [];
    for (const [i, plan] of ['free', 'gold', 'free', 'pro'].entries()) {
      const r = await api.call('POST', `/v2/contact/email:list${i}@example.com`, {
        firstName: `Lista${i}`,
        custom_fields: [
          { name: 'plan', value: plan },
          { name: 'score', value: i * 10 },
        ],
      });
      ids.push(r.body.contactId);
    }
    await api.call('POST', `/v2/contact/id:${ids[1]}/tag`, ['vip', 'mx']);
    await api.call('POST', `/v2/contact/id:${ids[3]}/tag`, ['vip']);
    const list = async (body: unknown, q = '') => (await api.call('POST', `/v2/contact/list${q}`, body)).body;
    const names = async (body: unknown) =>
      (await list({ search: 'Lista', ...(body as object) })).items.map((c: { firstName: string }) => c.firstName);
    const f = (...conditions: unknown[]) => ({ filter: { $and: conditions } });
    const field = (fieldName: string, operator: string, value?: unknown) => ({
      category: 'contactField',
      field: fieldName,
      operator,
      value,
    });
    const tag = (operator: string, value?: unknown) => ({ category: 'contactTag', field: 'tags', operator, value });

    expect(await names({})).toEqual(['Lista3', 'Lista2', 'Lista1', 'Lista0']);
    expect(await names(f(field('plan', 'isEqualTo', 'FREE')))).toEqual(['Lista2', 'Lista0']);
    expect(await names(f(field('plan', 'isNotEqualTo', 'free')))).toEqual(['Lista3', 'Lista1']);
    expect(await names(f(field('score', 'isGreaterThan', 10)))).toEqual(['Lista3', 'Lista2']);
    expect(await names(f(field('score', 'isLessThan', 10)))).toEqual(['Lista0']);
    expect(await names(f(field('score', 'isBetween', [10, 20])))).toEqual(['Lista2', 'Lista1']);
    expect(await names(f(field('plan', 'hasAnyOf', ['gold', 'pro'])))).toEqual(['Lista3', 'Lista1']);
    expect(await names(f(field('plan', 'hasNoneOf', ['gold', 'pro'])))).toEqual(['Lista2', 'Lista0']);
    expect(await names(f(field('phone', 'exists')))).toEqual([]);
    expect(await names(f(field('phone', 'doesNotExist')))).toHaveLength(4);
    expect(await names(f(tag('hasAnyOf', ['vip'])))).toEqual(['Lista3', 'Lista1']);
    expect(await names(f(tag('hasAllOf', ['vip', 'mx'])))).toEqual(['Lista1']);
    expect(await names(f(tag('hasNoneOf', ['vip'])))).toEqual(['Lista2', 'Lista0']);
    expect(await names(f(tag('isEqualTo', 'mx'), field('plan', 'isEqualTo', 'gold')))).toEqual(['Lista1']);
    expect(await names({ filter: { $or: [tag('isEqualTo', 'mx'), field('plan', 'isEqualTo', 'pro')] } })).toEqual([
      'Lista3',
      'Lista1',
    ]);
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await names(f(field('created_at', 'isTimestampAfter', hourAgo)))).toHaveLength(4);
    expect(await names(f(field('created_at', 'isTimestampBefore', hourAgo)))).toEqual([]);
    const local = { timezone: 'America/Mexico_City', ...f(field('created_at', 'isTimestampAfter', '2000-01-01')) };
    expect(await names(local)).toHaveLength(4);
    expect(await names(f(field('created_at', 'isTimestampBefore', '2000-01-01T09:30')))).toEqual([]);
    expect(await names(f(field('created_at', 'isTimestampBetween', [hourAgo, hourAgo + 7200])))).toHaveLength(4);

    const first = await list({ search: 'Lista' }, '?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.pagination.previous).toBeNull();
    // Absolute links: respond.io's n8n node reads the cursor with `new URL(next).searchParams`.
    expect(first.pagination.next.startsWith(`${rt.url}/v2/contact/list?`)).toBe(true);
    const second = await list({ search: 'Lista' }, new URL(first.pagination.next).search);
    expect(second.items.map((c: { id: number }) => c.id)).toEqual([ids[0]]);
    expect(second.pagination.next).toBeNull();
    expect(second.pagination.previous).toEqual(expect.any(String));
  });

  it('tags and untags by name, lists channels, merges two contacts', async () => {
    const a = (await api.call('POST', '/v2/contact/email:merge-a@example.com', { firstName: 'Keep' })).body.contactId;
    const b = (await api.call('POST', '/v2/contact/phone:5587654321', { firstName: 'Gone' })).body.contactId;
    expect((await api.call('POST', `/v2/contact/id:${b}/tag`, ['lead'])).body).toEqual({ contactId: b });
    expect((await api.call('DELETE', `/v2/contact/id:${b}/tag`, ['nothing-here'])).status).toBe(200);
    expect((await api.call('POST', `/v2/contact/id:${b}/tag`, [], { invalidRequest: true })).status).toBe(400);
    const merged = await api.call('POST', '/v2/contact/merge', { contactIds: [a, b], lastName: 'Merged' });
    expect(merged.body).toEqual({ contactId: a });
    const stage = await api.call('POST', `/v2/contact/id:${a}/lifecycle/update`, { name: 'Hot Lead' });
    expect(stage.body).toMatchObject({ code: 200, contactId: a });
    expect((await api.call('GET', `/v2/contact/id:${a}`)).body.lifecycle).toBe('Hot Lead');
    await api.call('POST', `/v2/contact/id:${a}/lifecycle/update`, { name: null });
    expect((await api.call('GET', `/v2/contact/id:${a}`)).body.lifecycle).toBeNull();
    const kept = (await api.call('GET', `/v2/contact/id:${a}`)).body;
    expect(kept).toMatchObject({ firstName: 'Keep', lastName: 'Merged', phone: '+525587654321', tags: ['lead'] });
    expect((await api.call('GET', `/v2/contact/id:${b}`)).status).toBe(404);
    expect((await api.call('POST', '/v2/contact/merge', { contactIds: [a, 999999] })).status).toBe(404);
    await api.call('DELETE', `/v2/contact/id:${a}/tag`, ['lead']);
    expect((await api.call('GET', `/v2/contact/id:${a}`)).body.tags).toEqual([]);
    expect((await api.call('GET', `/v2/contact/id:${a}/channels`)).body.items).toEqual([]);
  });

  it('sends on a channel, reads the message with its status history and lists messages', async () => {
    const id = (await api.call('POST', '/v2/contact/phone:5511112222', { firstName: 'Msg' })).body.contactId;
    const noChannel = await api.call('POST', `/v2/contact/id:${id}/message`, {
      message: { type: 'text', text: 'hola' },
    });
    expect(noChannel.status).toBe(400);
    const types = [
      { type: 'text', text: 'hola' },
      {
        type: 'quick_reply',
        title: '¿Sí o no?',
        replies: [
          { type: 'text', title: 'Sí' },
          { type: 'text', title: 'No' },
        ],
      },
      { type: 'quick_reply', title: '¿Cuándo?', replies: ['Hoy', 'Mañana'] },
      { type: 'attachment', attachment: { type: 'image', url: 'https://example.com/a.png' } },
      { type: 'email', text: 'cuerpo', subject: 'asunto' },
      { type: 'custom_payload', payload: { kind: 'card' } },
    ];
    const sent: number[] = [];
    for (const [i, message] of types.entries()) {
      const res = await api.call(
        'POST',
        `/v2/contact/id:${id}/message`,
        i === 0 ? { channelId, message } : { message },
      );
      expect(res.status).toBe(200);
      sent.push(res.body.messageId);
    }
    const template = await api.call('POST', `/v2/contact/id:${id}/message`, {
      message: { type: 'whatsapp_template', template: { name: 'nope', languageCode: 'es' } },
    });
    expect(template.status).toBe(404);
    const read = await eventually(async () => {
      const r = await api.call('GET', `/v2/contact/id:${id}/message/${sent[0]}`);
      return r.body.status.some((s: { value: string }) => s.value === 'sent') ? r.body : undefined;
    });
    expect(read).toMatchObject({
      messageId: sent[0],
      traffic: 'outgoing',
      channelId,
      message: { type: 'text', text: 'hola' },
    });
    expect(read.status.map((s: { value: string }) => s.value)).toEqual(['pending', 'sent']);
    const quick = await api.call('GET', `/v2/contact/id:${id}/message/${sent[1]}`);
    expect(quick.body.message).toMatchObject({ type: 'quick_reply', replies: ['Sí', 'No'] });
    expect((await api.call('GET', `/v2/contact/id:${id}/message/999999`)).status).toBe(404);
    const page = await api.call('GET', `/v2/contact/id:${id}/message/list?limit=2`);
    expect(page.body.items.map((m: { messageId: number }) => m.messageId)).toEqual([sent[5], sent[4]]);
    const strings = await api.call('GET', `/v2/contact/id:${id}/message/${sent[2]}`);
    expect(strings.body.message).toMatchObject({ type: 'quick_reply', replies: ['Hoy', 'Mañana'] });
    expect(read.sender).toEqual({ source: 'api', userId: w.owner.id });
    expect(page.body.pagination.next).toEqual(expect.any(String));
    const channels = await api.call('GET', `/v2/contact/id:${id}/channels`);
    expect(channels.body.items).toMatchObject([{ id: channelId, source: 'custom_channel' }]);
    // A second address on the same channel (a Messenger comment author later known by their PSID): the
    // channel is listed once, with the address the contact wrote from last.
    await w.scope.insert(contactChannels, {
      contactId: id,
      channelId,
      externalId: 'second-address',
      lastInboundAt: new Date(),
    });
    const once = await api.call('GET', `/v2/contact/id:${id}/channels`);
    expect(once.body.items).toHaveLength(1);
    expect(once.body.items[0]).toMatchObject({ id: channelId, meta: { externalId: 'second-address' } });
  });

  it('assigns, closes with the required closing notes, reopens and comments', async () => {
    const id = (await api.call('POST', '/v2/contact/phone:5533334444', {})).body.contactId;
    const path = `/v2/contact/id:${id}`;
    expect((await api.call('POST', `${path}/conversation/status`, { status: 'close' })).status).toBe(409);
    expect((await api.call('POST', `${path}/conversation/status`, { status: 'open' })).status).toBe(200);
    expect((await api.call('POST', `${path}/conversation/assignee`, { assignee: agentId })).status).toBe(200);
    expect((await api.call('GET', path)).body).toMatchObject({ status: 'open', assignee: { id: agentId } });
    expect((await api.call('POST', `${path}/conversation/assignee`, { assignee: 'nobody@example.com' })).status).toBe(
      404,
    );
    expect((await api.call('POST', `${path}/conversation/assignee`, { assignee: null })).status).toBe(200);
    expect((await api.call('GET', path)).body.assignee).toBeNull();
    const missing = await api.call('POST', `${path}/conversation/status`, { status: 'close', category: 'Resolved' });
    expect(missing.body).toMatchObject({ code: 400, error: 'closing_summary_required' });
    const closed = await api.call('POST', `${path}/conversation/status`, {
      status: 'close',
      category: 'Resolved',
      summary: 'ok',
    });
    expect(closed.status).toBe(200);
    expect((await api.call('GET', path)).body.status).toBe('close');
    const comment = await api.call('POST', `${path}/comment`, { text: `Revisar {{@user.${agentId}}}` });
    expect(comment.body).toMatchObject({ contactId: id, text: `Revisar {{@user.${agentId}}}` });
    expect((await api.call('POST', `${path}/comment`, { text: '' }, { invalidRequest: true })).status).toBe(400);
  });

  it('lists and manages workspace users, custom fields, tags, channels, closing notes and templates', async () => {
    const users = (await api.call('GET', '/v2/space/user')).body.items;
    expect(users.map((u: { id: number }) => u.id).sort()).toEqual([w.owner.id, agentId].sort());
    expect(users.find((u: { id: number }) => u.id === agentId)).toMatchObject({
      role: 'agent',
      team: null,
      restrictions: [],
    });
    expect((await api.call('GET', '/v2/space/users')).body.items).toHaveLength(2);
    expect((await api.call('GET', `/v2/space/user/${agentId}`)).body.id).toBe(agentId);
    expect((await api.call('GET', '/v2/space/user/999999')).status).toBe(404);
    const fields = (await api.call('GET', '/v2/space/custom_field')).body.items;
    expect(fields.map((x: { slug: string }) => x.slug).sort()).toEqual(['plan', 'score']);
    // As respond.io's n8n node sends it: every field, the unused ones empty.
    const field = await api.call('POST', '/v2/space/custom_field', {
      name: 'Fecha de compra',
      description: '',
      dataType: 'date',
      allowedValues: [],
      slug: '',
    });
    expect(field.body).toMatchObject({ name: 'Fecha de compra', slug: 'fecha_de_compra', dataType: 'date' });
    expect((await api.call('GET', `/v2/space/custom_field/${field.body.id}`)).body).toEqual(field.body);
    expect((await api.call('GET', '/v2/space/custom_field/999999')).status).toBe(404);
    const list = { name: 'Tier', slug: 'tier', dataType: 'list', allowedValues: ['A', 'B'] };
    expect((await api.call('POST', '/v2/space/custom_field', list)).body.allowedValues).toEqual(['A', 'B']);
    expect((await api.call('POST', '/v2/space/custom_field', list)).status).toBe(409);
    expect((await api.call('POST', '/v2/space/tag', { name: 'Nuevo', colorCode: '#ff0000' })).body.name).toBe('Nuevo');
    expect((await api.call('POST', '/v2/space/tag', { name: 'nuevo' })).status).toBe(409);
    expect((await api.call('PUT', '/v2/space/tag', { currentName: 'Nuevo', name: 'Renombrado' })).body.name).toBe(
      'Renombrado',
    );
    // respond.io's n8n node sends empty strings for what it leaves alone.
    const recolored = await api.call('PUT', '/v2/space/tag', {
      currentName: 'Renombrado',
      name: '',
      description: '',
      colorCode: '#00ff00',
      emoji: '',
    });
    expect(recolored.body).toMatchObject({ name: 'Renombrado', colorCode: '#00ff00' });
    expect((await api.call('PUT', '/v2/space/tag', { currentName: 'missing', name: 'x' })).status).toBe(404);
    expect((await api.call('DELETE', '/v2/space/tag', { name: 'Renombrado' })).body).toEqual({
      code: 200,
      message: 'Tag deleted successfully',
    });
    expect((await api.call('DELETE', '/v2/space/tag', { name: 'Renombrado' })).status).toBe(404);
    const tags = await api.call('GET', '/v2/space/tag?limit=1');
    expect(tags.body.items).toHaveLength(1);
    expect((await api.call('GET', '/v2/space/channel')).body.items).toMatchObject([
      { id: channelId, source: 'custom_channel' },
    ]);
    expect((await api.call('GET', '/v2/space/closing_notes?limit=20')).body).toEqual({
      mode: 'required',
      items: [{ category: 'Resolved', description: null }],
      pagination: { next: null, previous: null },
    });
    expect((await api.call('GET', `/v2/space/channel/${channelId}/template`)).body.items).toEqual([]);
  });

  it('records token use and rate-limits per token with X-RateLimit-* and Retry-After', async () => {
    const [row] = await w.scope.find(apiTokens, eq(apiTokens.name, 'contract'));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    const { token } = await createApiToken(w.scope, 'burst', w.owner.id);
    let last = await api.call('GET', '/v2/space/closing_notes', undefined, { token });
    expect(last.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(last.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
    for (let i = 1; i <= LIMIT && last.status === 200; i++)
      last = await api.call('GET', '/v2/space/closing_notes', undefined, { token });
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ code: 429, error: 'rate_limited' });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('called every documented operation', () => {
    expect(api.uncovered()).toEqual([]);
  });
});
