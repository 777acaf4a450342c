import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, messages } from '../src/db/schema';
import { factories } from './support/factories';
import { loginSession } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { SITE, WidgetVisitor } from './support/widget-visitor';

describe('web chat visitors: origins, tokens, dedupe and live replies', () => {
  let rt: TestRuntime;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let channelId: number;
  let otherChannelId: number;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    setup = await f.workspace();
    channelId = (await f.webchatChannel(setup.scope)).channel.id;
    otherChannelId = (await f.webchatChannel(setup.scope, { allowedOrigins: ['https://other.example'] })).channel.id;
  });
  afterAll(async () => rt?.close());

  it('refuses pages of sites that are not in allowedOrigins', async () => {
    const evil = new WidgetVisitor(rt.url, channelId, 'https://evil.example');
    expect((await evil.start('https://evil.example')).status).toBe(403);
    // The iframe (our own origin) embedded on an unlisted site: the host origin is refused.
    const framed = new WidgetVisitor(rt.url, channelId, rt.url);
    const res = await framed.start('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('origin_not_allowed');
    expect((await framed.start(SITE)).status).toBe(200);
    expect((await new WidgetVisitor(rt.url, channelId).start()).status).toBe(200);
  });

  it('serves the iframe page only to the channel’s sites (frame-ancestors) and the loader to any site', async () => {
    const frame = await fetch(`${rt.url}/widget/frame/${channelId}`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain(`frame-ancestors ${SITE}`);
    expect(frame.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${rt.url}/widget/frame/999999`)).status).toBe(404);
  });

  it('scopes a visitor token to one visitor on one channel', async () => {
    const ana = new WidgetVisitor(rt.url, channelId);
    const bob = new WidgetVisitor(rt.url, channelId);
    await ana.start();
    await bob.start();
    expect((await ana.say('Soy Ana, mi pedido 123')).status).toBe(201);

    const bobSees = await bob.call('GET', '/messages');
    expect(bobSees.status).toBe(200);
    expect(bobSees.text).not.toContain('pedido 123');
    const anaSees = await ana.call('GET', '/messages');
    expect(anaSees.json.messages.map((m: { text: string }) => m.text)).toEqual(['Soy Ana, mi pedido 123']);

    // Ana's token on another channel, a tampered token and no token are all refused.
    const elsewhere = new WidgetVisitor(rt.url, otherChannelId, 'https://other.example');
    elsewhere.token = ana.token;
    expect((await elsewhere.call('GET', '/messages')).status).toBe(401);
    const [payload, mac] = ana.token.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.x = 'v:someone-else';
    const tampered = new WidgetVisitor(rt.url, channelId);
    tampered.token = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    expect((await tampered.call('GET', '/messages')).status).toBe(401);
    expect((await new WidgetVisitor(rt.url, channelId).say('sin token')).status).toBe(401);

    // Resuming with the stored token (a reload) keeps the same visitor and history.
    const reloaded = new WidgetVisitor(rt.url, channelId);
    reloaded.token = ana.token;
    const resumed = await reloaded.start();
    expect(resumed.json.messages).toHaveLength(1);
  });

  it('stores a message resent after a lost connection once (same client id)', async () => {
    const v = new WidgetVisitor(rt.url, channelId);
    await v.start();
    const first = await v.say('¿Hacen envíos?', 'client-id-0001');
    const again = await v.say('¿Hacen envíos?', 'client-id-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.message.id).toBe(first.json.message.id);
    expect(again.json.message.clientId).toBe('client-id-0001');
    const stored = await setup.scope.find(messages, eq(messages.body, '¿Hacen envíos?'));
    expect(stored).toHaveLength(1);
    // Another visitor using the same client id gets their own message, not a view of this one.
    const other = new WidgetVisitor(rt.url, channelId);
    await other.start();
    const theirs = await other.say('otro texto', 'client-id-0001');
    expect(theirs.json.message.id).not.toBe(first.json.message.id);
    expect(theirs.json.message.text).toBe('otro texto');
  });

  it('delivers an agent reply live over the visitor socket, and the visitor’s read marks it read', async () => {
    const v = new WidgetVisitor(rt.url, channelId);
    await v.start();
    await v.say('Hola, necesito ayuda');
    const socket: Socket = io(`${rt.url}/webchat`, {
      auth: { channel: channelId, token: v.token },
      extraHeaders: { origin: SITE },
      transports: ['websocket'],
    });
    const heard: any[] = [];
    socket.on('message', (m) => heard.push(m));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    try {
      const [address] = await setup.scope.find(contactChannels, eq(contactChannels.externalId, tokenAddress(v.token)));
      const session = await loginSession(rt.url, setup.owner.email);
      const convs = await session.json('GET', `/api/w/${setup.ws.slug}/conversations`);
      const conv = convs.body.items.find((c: { contact: { id: number } }) => c.contact.id === address!.contactId);
      const sent = await session.json('POST', `/api/w/${setup.ws.slug}/conversations/${conv.id}/messages`, {
        text: 'Claro, <b>dime</b>',
      });
      const live = await eventually(async () => heard.find((m) => m.id === sent.body.id));
      expect(live).toMatchObject({ text: 'Claro, <b>dime</b>', direction: 'out', agentName: 'Owner' });
      await eventually(async () => {
        const [m] = await setup.scope.find(messages, eq(messages.id, sent.body.id));
        return m?.status === 'sent';
      });
      expect((await v.call('POST', '/read', { upToId: sent.body.id })).json.updated).toBe(1);
      const [read] = await setup.scope.find(messages, eq(messages.id, sent.body.id));
      expect(read!.status).toBe('read');
      // A reload fetches the reply in the history.
      const history = await v.call('GET', '/messages');
      expect(history.json.messages.map((m: { text: string }) => m.text)).toEqual([
        'Hola, necesito ayuda',
        'Claro, <b>dime</b>',
      ]);
    } finally {
      socket.close();
    }
  });

  it('refuses visitor sockets from unlisted sites and with bad tokens', async () => {
    const v = new WidgetVisitor(rt.url, channelId);
    await v.start();
    const attempt = (headers: Record<string, string>, token: string) =>
      new Promise<string>((resolve) => {
        const s = io(`${rt.url}/webchat`, {
          auth: { channel: channelId, token },
          extraHeaders: headers,
          transports: ['websocket'],
        });
        s.on('connect', () => {
          s.close();
          resolve('connected');
        });
        s.on('connect_error', (err) => {
          s.close();
          resolve(err.message);
        });
      });
    expect(await attempt({ origin: 'https://evil.example' }, v.token)).toBe('origin_not_allowed');
    expect(await attempt({ origin: SITE }, 'forged.token-value-000000000000')).toBe('invalid_visitor_token');
    expect(await attempt({ origin: SITE }, v.token)).toBe('connected');
  });
});

/** The address a visitor token names (tests read their own token; the widget never needs to). */
function tokenAddress(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).x;
}
