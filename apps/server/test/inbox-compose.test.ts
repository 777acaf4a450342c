import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginSession, type Session } from './support/http';
import { buildInboxWorld, listen } from './support/inbox-world';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { uploadFile } from './support/tenant-world';

/** Replying: snippets and variables substituted on the server, attachments, reply channels; internal comments. */
describe('composing in the inbox', () => {
  let rt: TestRuntime;
  let w: Awaited<ReturnType<typeof buildInboxWorld>>;
  let agent: Session;

  beforeAll(async () => {
    rt = await startTestRuntime();
    w = await buildInboxWorld(rt);
    agent = await loginSession(rt.url, w.agent.email);
  });
  afterAll(async () => {
    await w?.close();
    await rt?.close();
  });

  it('snippets: managers maintain them, shortcuts are unique, agents read but cannot change them', async () => {
    const made = await w.owner.json('POST', `${w.base}/snippets`, {
      shortcut: 'saludo',
      text: 'Hola $contact.firstname',
    });
    expect(made.status).toBe(201);
    expect((await w.owner.json('POST', `${w.base}/snippets`, { shortcut: 'SALUDO', text: 'x' })).status).toBe(409);
    expect((await w.owner.json('POST', `${w.base}/snippets`, { shortcut: 'con espacio', text: 'x' })).status).toBe(400);
    expect((await agent.json('GET', `${w.base}/snippets`)).body.items).toHaveLength(1);
    expect((await agent.json('POST', `${w.base}/snippets`, { shortcut: 'mio', text: 'x' })).status).toBe(403);
    const edited = await w.owner.json('PATCH', `${w.base}/snippets/${made.body.id}`, {
      text: 'Hola $contact.firstname, soy $user.name',
    });
    expect(edited.body.text).toBe('Hola $contact.firstname, soy $user.name');
    const other = await w.owner.json('POST', `${w.base}/snippets`, { shortcut: 'gracias', text: 'Gracias' });
    expect((await w.owner.json('PATCH', `${w.base}/snippets/${other.body.id}`, { shortcut: 'saludo' })).status).toBe(
      409,
    );
    expect((await w.owner.request('DELETE', `${w.base}/snippets/${other.body.id}`)).status).toBe(204);
    expect((await w.owner.request('DELETE', `${w.base}/snippets/${other.body.id}`)).status).toBe(404);
  });

  it('substitutes variables on the server before the channel gets the text; unknown ones stay, empty ones refuse', async () => {
    const t = await w.write('Carmen Flores');
    const url = `${w.base}/conversations/${t.conversationId}/messages`;
    const sent = await w.owner.json('POST', url, {
      text: 'Hola $contact.firstname ($contact.email), soy $user.name de $workspace.name. Cuesta $5 $contact.shoe_size',
    });
    expect(sent.status).toBe(201);
    const expected = `Hola Carmen (${t.sender.email}), soy Owner de Tienda Sol. Cuesta $5 $contact.shoe_size`;
    expect(sent.body.body).toBe(expected);
    await eventually(async () => w.callback.calls.find((c) => JSON.parse(c.body).text === expected));

    const refused = await w.owner.json('POST', url, { text: 'Asignado a $assignee.name' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('variable_empty');
  });

  it('sends uploaded files as attachments and lists the reply channels with their window', async () => {
    const t = await w.write('Diego Paz');
    const fileId = await uploadFile(w.owner, w.ws.slug, 'catalogo.txt', 'precios');
    const res = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/messages`, {
      fileIds: [fileId],
    });
    expect(res.status).toBe(201);
    expect(res.body.attachments).toEqual([
      {
        url: `/api/files/${fileId}`,
        type: 'file',
        name: 'catalogo.txt',
        mime: 'text/plain',
        size: 7,
        state: 'ready',
        error: null,
      },
    ]);
    // The integrator gets a signed link it can fetch without a session.
    const call = await eventually(async () =>
      w.callback.calls.find((c) => JSON.parse(c.body).attachments?.[0]?.url?.includes(`/media/${fileId}.`)),
    );
    const link = JSON.parse(call.body).attachments[0].url as string;
    expect(await (await fetch(link)).text()).toBe('precios');
    const other = await w.f.workspace();
    const foreign = await uploadFile(await loginSession(rt.url, other.owner.email), other.ws.slug, 'x.txt', 'x');
    expect(
      (await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/messages`, { fileIds: [foreign] }))
        .status,
    ).toBe(404);

    const channels = await w.owner.json('GET', `${w.base}/conversations/${t.conversationId}/reply-channels`);
    expect(channels.body.defaultChannelId).toBe(w.channel.id);
    // The custom channel has no messaging window: always open.
    expect(channels.body.items).toEqual([
      expect.objectContaining({ id: w.channel.id, windowHours: null, windowOpen: true, unreachable: false }),
    ]);
  });

  it('comments are internal; a mention notifies members who can see the conversation, live', async () => {
    const t = await w.write('Elena Ríos');
    await w.owner.post(`${w.base}/conversations/${t.conversationId}/assign`, { userId: w.agent.id, teamId: null });
    const hidden = await w.write('Fausto Gil');
    const agentSocket = await listen(rt, agent, w.ws.slug);
    const calls = w.callback.calls.length;

    const comment = await w.owner.json('POST', `${w.base}/conversations/${t.conversationId}/comments`, {
      body: '@agent mira esto <script>x</script>',
      mentions: [w.agent.id, w.colleague.id, 999999],
    });
    expect(comment.status).toBe(201);
    expect(comment.body.mentions.map((m: { id: number }) => m.id).sort()).toEqual([w.agent.id, w.colleague.id].sort());
    await eventually(async () => agentSocket.heard.find((h) => h.event === 'notification.created'));
    await eventually(async () => agentSocket.heard.find((h) => h.event === 'comment.created'));
    // A mention on a conversation the assigned-only agent cannot see notifies nobody.
    await w.owner.post(`${w.base}/conversations/${hidden.conversationId}/comments`, {
      body: 'secreto',
      mentions: [w.agent.id],
    });

    const inbox = await agent.json('GET', `${w.base}/notifications`);
    // Being assigned the conversation by the owner notified the agent too (newest first).
    expect(inbox.body.unread).toBe(2);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        conversationId: t.conversationId,
        excerpt: comment.body.body,
        read: false,
      }),
      expect.objectContaining({ kind: 'assignment', conversationId: t.conversationId, excerpt: null, read: false }),
    ]);
    expect(JSON.stringify(inbox.body)).not.toContain('secreto');
    expect((await agent.request('POST', `${w.base}/notifications/${inbox.body.items[0].id}/read`, {})).status).toBe(
      204,
    );
    expect((await agent.json('GET', `${w.base}/notifications`)).body.unread).toBe(1);
    // Someone else's notification cannot be marked.
    const colleague = await loginSession(rt.url, w.colleague.email);
    const theirs = (await colleague.json('GET', `${w.base}/notifications`)).body.items[0];
    expect((await agent.request('POST', `${w.base}/notifications/${theirs.id}/read`, {})).status).toBe(404);

    const listed = await agent.json('GET', `${w.base}/conversations/${t.conversationId}/comments`);
    expect(listed.body.items.map((c: { body: string }) => c.body)).toEqual([comment.body.body]);
    expect((await agent.json('GET', `${w.base}/conversations/${hidden.conversationId}/comments`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.callback.calls.length, 'a comment never goes to the channel').toBe(calls);
    agentSocket.socket.close();
  });

  it('workspace settings: managers change general settings; agents cannot', async () => {
    const res = await w.owner.json('PATCH', `${w.base}/settings/general`, {
      name: 'Tienda Sol MX',
      timezone: 'America/Mexico_City',
      locale: 'en',
      defaultCountry: 'MX',
    });
    expect(res.body.general).toEqual({
      name: 'Tienda Sol MX',
      timezone: 'America/Mexico_City',
      locale: 'en',
      defaultCountry: 'MX',
    });
    expect((await w.owner.json('PATCH', `${w.base}/settings/general`, { timezone: 'Mars/Base' })).status).toBe(400);
    expect((await agent.json('PATCH', `${w.base}/settings/general`, { name: 'x' })).status).toBe(403);
    expect((await agent.json('GET', `${w.base}/settings`)).body.general.name).toBe('Tienda Sol MX');
  });
});
