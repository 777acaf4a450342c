import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/db/schema';
import { saveFile } from '../src/modules/files/service';
import { signedFileLink, verifyFileLink } from '../src/modules/files/signed-link';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('channel media', () => {
  let rt: TestRuntime;
  let media: Awaited<ReturnType<typeof startFakeCallback>>;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channel: { id: number };
  let secret: string;
  let session: Session;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    media = await startFakeCallback();
    setup = await f.workspace();
    ({ channel, secret } = await f.customChannel(setup.scope, {}));
    session = await loginSession(rt.url, setup.owner.email);
  });

  afterAll(async () => {
    await media?.close();
    await rt?.close();
  });

  const inbound = (id: string, attachments: { url: string; type: string; name?: string }[]) =>
    postCustomWebhook(rt.url, channel.id, secret, { id, sender: { id: 'visitor-1' }, attachments });

  const attachmentsOf = async (providerMessageId: string) => {
    const [m] = await setup.scope.find(messages, eq(messages.providerMessageId, providerMessageId));
    return m?.attachments;
  };

  it('copies inbound media into Files and serves it to members', async () => {
    media.respondWith({ status: 200, body: PNG, headers: { 'content-type': 'image/png' } });
    expect((await inbound('m-img', [{ url: `${media.url}/photo`, type: 'image' }])).status).toBe(200);
    const [stored] = await eventually(async () => {
      const a = await attachmentsOf('m-img');
      return a?.[0]?.fileId ? a : undefined;
    });
    expect(stored).toMatchObject({ type: 'image', mime: 'image/png', size: PNG.length });
    expect(stored!.state).toBeUndefined();
    const res = await session.request('GET', `/api/files/${stored!.fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  });

  it('marks an attachment failed with the provider’s reason when the media is gone', async () => {
    media.respondWith({ status: 404, body: 'media expired' });
    await inbound('m-gone', [{ url: `${media.url}/gone`, type: 'file', name: 'factura.pdf' }]);
    const [failed] = await eventually(async () => {
      const a = await attachmentsOf('m-gone');
      return a?.[0]?.state === 'failed' ? a : undefined;
    });
    expect(failed!.error).toBe('404: media expired');
    const { body } = await session.json(
      'GET',
      `/api/w/${setup.ws.slug}/conversations/${(await setup.scope.find(messages, eq(messages.providerMessageId, 'm-gone')))[0]!.conversationId}/messages`,
    );
    expect(body.items.at(-1).attachments[0]).toMatchObject({ state: 'failed', error: '404: media expired', url: '' });
  });

  it('retries a transient failure and then stores the file', async () => {
    media.respondWith(
      { status: 503, body: 'busy' },
      { status: 200, body: 'hola', headers: { 'content-type': 'text/plain' } },
    );
    const before = media.calls.length;
    await inbound('m-retry', [{ url: `${media.url}/doc`, type: 'file', name: 'nota.txt' }]);
    // The first download answered 503: the attachment waits for its retry.
    const [waiting] = await eventually(async () => {
      const a = await attachmentsOf('m-retry');
      return a && media.calls.length > before ? a : undefined;
    });
    expect(waiting!.fileId).toBeUndefined();
    const [stored] = await eventually(async () => {
      const a = await attachmentsOf('m-retry');
      return a?.[0]?.fileId ? a : undefined;
    }, 20_000);
    expect(stored).toMatchObject({ name: 'nota.txt', mime: 'text/plain', size: 4 });
  });

  it('gives providers signed, expiring links to outbound files and refuses altered ones', async () => {
    const file = await saveFile(rt.ctx, setup.scope, {
      name: 'catalogo.png',
      mime: 'image/png',
      bytes: PNG,
      source: 'upload',
    });
    const link = signedFileLink(rt.ctx, file.id);
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(PNG);

    const token = link.slice(link.lastIndexOf('/') + 1);
    const [id, exp, mac] = token.split('.');
    const other = `${rt.url}/media/${Number(id) + 1}.${exp}.${mac}`;
    expect((await fetch(other)).status).toBe(404);
    expect((await fetch(`${rt.url}/media/${id}.${Number(exp) + 1}.${mac}`)).status).toBe(404);
    expect(verifyFileLink(rt.ctx, token, Date.now() + 2 * 24 * 3600 * 1000)).toBeNull();
    expect(verifyFileLink(rt.ctx, token)).toBe(file.id);
  });
});
