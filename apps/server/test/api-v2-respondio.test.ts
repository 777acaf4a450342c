import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/tokens/service';
import { startFakeCallback } from './support/fake-callback';
import { factories } from './support/factories';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * An integration written for respond.io's v2 API, pointed at Charla: the same paths, headers and bodies
 * (base URL swapped), with nothing Charla-specific. It creates a contact by a national-format phone, tags
 * it, sends a message through the custom channel and reads the message's status.
 */
function respondIoClient(baseUrl: string, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/v2${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const id = (identifier: string) => encodeURIComponent(identifier);
  return {
    createContact: (identifier: string, fields: object) => call('POST', `/contact/${id(identifier)}`, fields),
    getContact: (identifier: string) => call('GET', `/contact/${id(identifier)}`),
    addTags: (identifier: string, tags: string[]) => call('POST', `/contact/${id(identifier)}/tag`, tags),
    sendMessage: (identifier: string, channelId: number, text: string) =>
      call('POST', `/contact/${id(identifier)}/message`, { channelId, message: { type: 'text', text } }),
    getMessage: (identifier: string, messageId: number) =>
      call('GET', `/contact/${id(identifier)}/message/${messageId}`),
  };
}

describe('a respond.io v2 integration against Charla', () => {
  let rt: TestRuntime;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let client: ReturnType<typeof respondIoClient>;
  let channelId: number;
  let token: string;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace({ defaultCountry: 'MX' });
    callback = await startFakeCallback();
    channelId = (await f.customChannel(w.scope, { callbackUrl: callback.url })).channel.id;
    token = (await createApiToken(w.scope, 'respond.io sync', w.owner.id)).token;
    client = respondIoClient(rt.url, token);
  });
  afterAll(async () => {
    await callback?.close();
    await rt?.close();
  });

  it('creates a contact by national phone, tags it, messages it through the custom channel and reads the status', async () => {
    const created = await client.createContact('phone:55 1234 5678', {
      firstName: 'Ana',
      lastName: 'Pérez',
      email: 'ana@example.com',
      language: 'es',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: '200', message: 'Contact added successfully!' });
    const contactId = created.body.contactId as number;
    // The same contact, whichever way the number is written.
    expect((await client.getContact('phone:+52 1 55 1234 5678')).body).toMatchObject({
      id: contactId,
      phone: '+525512345678',
    });

    expect((await client.addTags('phone:5512345678', ['lead', 'web'])).body).toEqual({ contactId });
    expect((await client.getContact(`id:${contactId}`)).body.tags).toEqual(['lead', 'web']);

    const sent = await client.sendMessage('phone:5512345678', channelId, 'Hola Ana, gracias por escribirnos');
    expect(sent.status).toBe(200);
    const messageId = sent.body.messageId as number;
    expect(sent.body).toEqual({ contactId, messageId });

    const delivered = await eventually(async () => {
      const m = await client.getMessage('phone:5512345678', messageId);
      const statuses = (m.body.status as { value: string }[]).map((s) => s.value);
      return statuses.includes('sent') ? m.body : undefined;
    });
    expect(delivered).toMatchObject({
      messageId,
      contactId,
      channelId,
      traffic: 'outgoing',
      message: { type: 'text', text: 'Hola Ana, gracias por escribirnos' },
    });
    expect(delivered.channelMessageId).toEqual(expect.any(String));
    // The custom channel received it, addressed to the contact's phone.
    const posted = JSON.parse(callback.calls.at(-1)!.body);
    expect(JSON.stringify(posted)).toContain('+525512345678');
    expect(JSON.stringify(posted)).toContain('Hola Ana, gracias por escribirnos');
  });

  /**
   * The requests respond.io's own clients make, byte for byte where it matters: the TypeScript SDK
   * (axios, paths not URL-encoded), the n8n node (empty strings for unused fields, `timezone: 'utc'`,
   * `filter: {$or: []}`, page cursors read with `new URL(next)`) and the MCP server (`{tags}` bodies).
   * Sources: respond-io/typescript-sdk, respond-io/n8n-integration, respond-io/mcp-server (docs/api-v2.md).
   */
  it("accepts requests exactly as respond.io's SDK, n8n node and MCP server send them", async () => {
    const raw = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${rt.url}/v2${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    // SDK contacts.create('phone:+…', …): the identifier as typed, unencoded.
    const created = await raw('POST', '/contact/phone:+5215598765432', {
      firstName: 'Luis',
      lastName: 'Mora',
      custom_fields: null,
    });
    expect(created).toMatchObject({ status: 200, body: { code: '200', message: expect.any(String) } });
    const id = created.body.contactId as number;
    expect((await raw('GET', '/contact/phone:+5215598765432')).body.id).toBe(id);
    expect((await raw('PUT', `/contact/id:${id}`, { email: 'luis@example.com' })).body).toEqual({ contactId: id });
    expect((await raw('GET', '/contact/email:luis@example.com')).body.id).toBe(id);

    // MCP server: tags wrapped in an object. SDK and n8n: a bare array.
    expect((await raw('POST', `/contact/id:${id}/tag`, { tags: ['mcp'] })).body).toEqual({ contactId: id });
    expect((await raw('POST', `/contact/id:${id}/tag`, ['sdk'])).status).toBe(200);
    expect((await raw('DELETE', `/contact/id:${id}/tag`, { tags: ['mcp'] })).status).toBe(200);
    expect((await raw('GET', `/contact/id:${id}`)).body.tags).toEqual(['sdk']);

    // The three clients' list bodies: all mean "every contact".
    for (const [query, body] of [
      ['?limit=50&cursorId=0', { search: '', timezone: 'UTC', filter: { $and: [] } }],
      ['?limit=10', { search: 'Luis', timezone: 'utc', filter: { $or: [] } }],
      ['?limit=10', { search: 'Luis', filter: { $and: [] }, timezone: 'Asia/Kuala_Lumpur' }],
    ] as const) {
      const listed = await raw('POST', `/contact/list${query}`, body);
      expect(listed.status, JSON.stringify(body)).toBe(200);
      expect(listed.body.items.map((c: { id: number }) => c.id)).toContain(id);
    }
    const filtered = await raw('POST', '/contact/list', {
      search: '',
      timezone: 'UTC',
      filter: {
        $and: [{ category: 'contactTag', field: null, operator: 'hasAnyOf', value: ['sdk'] }],
      },
    });
    expect(filtered.body.items.map((c: { id: number }) => c.id)).toEqual([id]);

    // n8n's pager: limit and the cursor read back from `next` with `new URL(…)`.
    await raw('POST', `/contact/id:${id}/message`, { channelId, message: { type: 'text', text: 'uno' } });
    await raw('POST', `/contact/id:${id}/message`, { channelId: null, message: { type: 'text', text: 'dos' } });
    const sent = await raw('POST', `/contact/id:${id}/message`, {
      message: { type: 'quick_reply', title: '¿Te llamamos?', replies: ['Sí', 'No'] },
    });
    expect(sent.body.messageId).toEqual(expect.any(Number));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await raw('GET', `/contact/id:${id}/message/list?limit=2${cursor ? `&cursorId=${cursor}` : ''}`);
      seen.push(...page.body.items.map((m: { messageId: number }) => m.messageId));
      cursor = page.body.pagination.next ? new URL(page.body.pagination.next).searchParams.get('cursorId') : null;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe(sent.body.messageId);

    // n8n sends the email body as `message`, with cc/bcc/attachments even when empty.
    const email = await raw('POST', `/contact/id:${id}/message`, {
      channelId,
      message: { type: 'email', message: 'Cuerpo', subject: 'Asunto', attachments: [], cc: [], bcc: [] },
    });
    expect(email.status).toBe(200);

    // n8n's conversation and comment bodies.
    const status = await raw('POST', `/contact/id:${id}/conversation/status`, {
      status: 'open',
      category: '',
      summary: '',
    });
    expect(status.body).toEqual({ contactId: id });
    expect((await raw('POST', `/contact/id:${id}/conversation/assignee`, { assignee: null })).status).toBe(200);
    expect((await raw('POST', `/contact/id:${id}/comment`, { text: 'Llamar mañana' })).body).toMatchObject({
      contactId: id,
      text: 'Llamar mañana',
    });
    expect((await raw('POST', `/contact/id:${id}/lifecycle/update`, { name: 'Customer' })).body.code).toBe(200);

    // n8n's tag management: every field sent, unused ones empty.
    const tag = await raw('POST', '/space/tag', { name: 'Mayorista', description: '', colorCode: '', emoji: '' });
    expect(tag.body).toMatchObject({ name: 'Mayorista', colorCode: null });
    expect((await raw('GET', '/space/user?limit=100')).body.items).toHaveLength(1);
    const channels = await raw('GET', '/space/channel?limit=20');
    expect(channels.body.items).toMatchObject([{ id: channelId, source: 'custom_channel' }]);

    // The SDK's error handling reads `code` (the status) and `message`.
    expect((await raw('GET', '/contact/id:999999')).body).toMatchObject({ code: 404, message: expect.any(String) });
    expect((await raw('DELETE', `/contact/id:${id}`)).body).toEqual({ contactId: id });
  });
});
