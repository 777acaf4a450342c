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

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace({ defaultCountry: 'MX' });
    callback = await startFakeCallback();
    channelId = (await f.customChannel(w.scope, { callbackUrl: callback.url })).channel.id;
    client = respondIoClient(rt.url, (await createApiToken(w.scope, 'respond.io sync', w.owner.id)).token);
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
});
