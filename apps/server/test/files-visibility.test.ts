import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../src/db/schema';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { uploadFile } from './support/tenant-world';

/** Inbound media is stored in Files: an agent limited to their conversations must not reach other media. */
describe('files and agent access levels', () => {
  let rt: TestRuntime;
  let media: Awaited<ReturnType<typeof startFakeCallback>>;

  beforeAll(async () => {
    rt = await startTestRuntime();
    media = await startFakeCallback();
  });

  afterAll(async () => {
    await media?.close();
    await rt?.close();
  });

  it('shows an assigned-only agent only their uploads and the media of conversations they can see', async () => {
    const f = factories(rt.ctx);
    const setup = await f.workspace();
    const { channel, secret } = await f.customChannel(setup.scope, {});
    media.respondWith({ status: 200, body: 'factura', headers: { 'content-type': 'application/pdf' } });
    await postCustomWebhook(rt.url, channel.id, secret, {
      id: 'm-file',
      sender: { id: 'cliente-1' },
      attachments: [{ url: `${media.url}/f.pdf`, type: 'file', name: 'factura.pdf' }],
    });
    const [attachment] = await eventually(async () => {
      const [m] = await setup.scope.find(messages, eq(messages.providerMessageId, 'm-file'));
      return m?.attachments[0]?.fileId ? m.attachments : undefined;
    });
    const fileId = attachment!.fileId!;

    const agentUser = await f.member(setup.ws.id, 'agent', 'assigned');
    const agent = await loginSession(rt.url, agentUser.email);
    const owner = await loginSession(rt.url, setup.owner.email);
    const listed = async (s: typeof agent) =>
      ((await s.json('GET', `/api/w/${setup.ws.slug}/files`)).body.items as { id: number }[]).map((i) => i.id);

    expect(await listed(owner)).toContain(fileId);
    expect(await listed(agent)).not.toContain(fileId);
    expect((await agent.request('GET', `/api/files/${fileId}`)).status).toBe(404);

    const own = await uploadFile(agent, setup.ws.slug, 'nota.txt', 'mi nota');
    expect(await listed(agent)).toEqual([own]);
    expect((await agent.request('GET', `/api/files/${own}`)).status).toBe(200);

    // Assigned to the agent, the conversation (and so its media) becomes theirs to see.
    await setup.scope.update(conversations, { assigneeUserId: agentUser.id });
    const res = await agent.request('GET', `/api/files/${fileId}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('factura');
  });
});
