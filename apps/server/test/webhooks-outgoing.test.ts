import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contacts, webhookDeliveries } from '../src/db/schema';
import { createApiToken } from '../src/modules/tokens/service';
import { ActiveWebhookWorkspaces } from '../src/modules/webhooks/active-workspaces';
import { WEBHOOK_EVENTS } from '../src/modules/webhooks/events';
import { verifySignature } from '../src/modules/webhooks/signing';
import { isBlockedAddress } from '../src/modules/webhooks/target';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { ContractClient } from './support/openapi-client';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

type Received = { id: string; event: string; contactId: number; signature: string; body: string; accepted: boolean };

/**
 * A receiver on loopback that answers 500 to its first `failFirst` requests and 200 afterwards (or, given
 * a function, 200 whenever it says so).
 */
async function startReceiver(failFirst: number | (() => boolean)) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = JSON.parse(body);
      const accepted = typeof failFirst === 'number' ? received.length >= failFirst : failFirst();
      received.push({
        id: json.id,
        event: json.event,
        contactId: json.data.contact.id,
        signature: String(req.headers['x-charla-signature']),
        body,
        accepted,
      });
      res.writeHead(accepted ? 200 : 500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('outgoing webhooks', () => {
  let rt: TestRuntime;
  let owner: Session;
  let base: string;
  let api: ContractClient;
  let w: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let channel: { id: number };
  let channelSecret: string;

  beforeAll(async () => {
    rt = await startTestRuntime({ webhookAllowHosts: ['127.0.0.1'], webhookRetryBaseSeconds: 0.2 });
    const f = factories(rt.ctx);
    w = await f.workspace({ defaultCountry: 'MX' });
    owner = await loginSession(rt.url, w.owner.email);
    base = `/api/w/${w.ws.slug}/webhooks`;
    receiver = await startReceiver(3);
    callback = await startFakeCallback();
    ({ channel, secret: channelSecret } = await f.customChannel(w.scope, { callbackUrl: callback.url }));
    api = await ContractClient.load(rt.url, (await createApiToken(w.scope, 'hooks', w.owner.id)).token);
  });
  afterAll(async () => {
    await receiver?.close();
    await callback?.close();
    await rt?.close();
  });

  it('refuses private, loopback and link-local targets unless allow-listed', async () => {
    for (const url of [
      'http://10.1.2.3/x',
      'http://192.168.0.5/x',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://localhost/x',
    ]) {
      const res = await owner.json('POST', base, { url, events: ['contact.created'] });
      expect(res.status, url).toBe(400);
    }
    expect(isBlockedAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect((await owner.json('POST', base, { url: 'ftp://example.com/x', events: ['contact.created'] })).status).toBe(
      400,
    );
  });

  it('delivers every event exactly once after retries, in order per contact, with valid signatures', async () => {
    const created = await owner.json('POST', base, {
      url: receiver.url,
      events: [...WEBHOOK_EVENTS],
    });
    expect(created.status).toBe(201);
    const { id: webhookId, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);
    expect((await owner.json('GET', base)).body.items[0]).not.toHaveProperty('secret');

    // Two contacts, changed one after the other through the API and a channel.
    const ana = (await api.call('POST', '/v2/contact/phone:5512345678', { firstName: 'Ana' })).body.contactId;
    const luis = (await api.call('POST', '/v2/contact/email:luis@example.com', { firstName: 'Luis' })).body.contactId;
    await api.call('POST', `/v2/contact/id:${ana}/tag`, ['vip']);
    await api.call('PUT', `/v2/contact/id:${luis}`, { lastName: 'Ruiz' });
    await api.call('POST', `/v2/contact/id:${ana}/message`, {
      channelId: channel.id,
      message: { type: 'text', text: 'hola' },
    });
    await api.call('POST', `/v2/contact/id:${ana}/conversation/assignee`, { assignee: w.owner.id });
    await api.call('POST', `/v2/contact/id:${ana}/comment`, { text: 'nota' });
    await api.call('POST', `/v2/contact/id:${ana}/conversation/status`, { status: 'close' });
    const inbound = await postCustomWebhook(rt.url, channel.id, channelSecret, {
      id: 'in-1',
      sender: { id: 'visitor-9', name: 'Eva' },
      text: 'buenas',
    });
    expect(inbound.status).toBe(200);

    const expected = [
      'contact.created',
      'contact.tag.updated',
      'conversation.opened',
      'message.sent',
      'contact.assignee.updated',
      'comment.created',
      'conversation.closed',
      'message.received',
    ];
    const rows = await eventually(async () => {
      const all = await w.scope
        .find(webhookDeliveries, eq(webhookDeliveries.subscriptionId, webhookId))
        .orderBy(asc(webhookDeliveries.eventAt), asc(webhookDeliveries.id));
      const events = new Set(all.map((d) => d.event));
      const done = all.length > 0 && all.every((d) => d.status === 'delivered');
      return done && expected.every((e) => events.has(e)) ? all : undefined;
    }, 40_000);

    const accepted = receiver.received.filter((r) => r.accepted);
    expect(receiver.received.filter((r) => !r.accepted)).toHaveLength(3);
    // Exactly once: every delivery accepted once, nothing accepted that was not a delivery.
    expect(accepted.map((r) => r.id).sort()).toEqual(rows.map((d) => d.eventId).sort());
    expect(new Set(accepted.map((r) => r.id)).size).toBe(accepted.length);
    // In order per contact: the receiver accepted each contact's events in the order they happened.
    for (const contactId of new Set(rows.map((d) => d.contactId))) {
      const order = rows.filter((d) => d.contactId === contactId).map((d) => d.eventId);
      expect(accepted.filter((r) => r.contactId === contactId).map((r) => r.id)).toEqual(order);
    }
    for (const r of receiver.received) expect(verifySignature(secret, r.body, r.signature)).toBe(true);
    expect(verifySignature('whsec_wrong', accepted[0]!.body, accepted[0]!.signature)).toBe(false);
    const anaEvents = accepted.filter((r) => r.contactId === ana).map((r) => r.event);
    expect(anaEvents.indexOf('contact.created')).toBe(0);
    expect(anaEvents.indexOf('conversation.closed')).toBeGreaterThan(anaEvents.indexOf('comment.created'));
    expect(accepted.some((r) => r.contactId === luis && r.event === 'contact.updated')).toBe(true);
    const body = JSON.parse(accepted[0]!.body);
    expect(body).toMatchObject({ id: expect.any(String), event: expect.any(String), timestamp: expect.any(Number) });

    // The delivery log shows attempts with status codes and durations; a redeliver sends the event again.
    const log = (await owner.json('GET', `${base}/${webhookId}/deliveries`)).body.items;
    const retried = log.find((d: { attempts: number }) => d.attempts > 1);
    expect(retried.log[0]).toMatchObject({ attempt: 1, statusCode: 500, durationMs: expect.any(Number) });
    expect(retried.log.at(-1)).toMatchObject({ statusCode: 200 });
    const before = receiver.received.length;
    const again = await owner.json('POST', `${base}/${webhookId}/deliveries/${retried.id}/redeliver`);
    expect(again.status).toBe(202);
    await eventually(async () => receiver.received.length > before);
    expect(receiver.received.at(-1)!.id).toBe(retried.eventId);
  });

  it('moves a merged contact’s queued deliveries into the kept contact’s queue, naming the survivor', async () => {
    let accepting = false;
    const hooked = await startReceiver(() => accepting);
    try {
      const events = ['contact.created', 'contact.updated', 'contact.tag.updated'];
      const hook = (await owner.json('POST', base, { url: hooked.url, events })).body;
      const kept = (await api.call('POST', '/v2/contact/email:kept@example.com', { firstName: 'Kept' })).body.contactId;
      const gone = (await api.call('POST', '/v2/contact/phone:5599990000', { firstName: 'Gone' })).body.contactId;
      await api.call('POST', `/v2/contact/id:${gone}/tag`, ['lead']);
      const ofHook = () => w.scope.find(webhookDeliveries, eq(webhookDeliveries.subscriptionId, hook.id));
      // Both contacts' first deliveries are failing and waiting for their retries.
      await eventually(async () => {
        const rows = await ofHook();
        return rows.filter((d) => d.attempts > 0).length >= 2 && rows.some((d) => d.event === 'contact.tag.updated');
      });
      expect((await api.call('POST', '/v2/contact/merge', { contactIds: [kept, gone] })).status).toBe(200);

      const queued = (await ofHook()).filter((d) => d.status === 'pending');
      expect(queued.length).toBeGreaterThanOrEqual(3);
      expect(queued.every((d) => d.contactId === kept)).toBe(true);
      for (const d of queued) expect(JSON.parse(d.body).data.contact.id).toBe(kept);

      accepting = true;
      const rows = await eventually(async () => {
        const all = await ofHook();
        return all.length >= 4 && all.every((d) => d.status === 'delivered') ? all : undefined;
      });
      const accepted = hooked.received.filter((r) => r.accepted);
      expect(new Set(accepted.map((r) => r.id)).size).toBe(rows.length);
      // One queue for the person: what was queued for either contact went out in event order.
      const order = rows.sort((a, b) => a.eventAt.getTime() - b.eventAt.getTime() || a.id - b.id).map((d) => d.eventId);
      expect(accepted.map((r) => r.id)).toEqual(order);
      expect(accepted.every((r) => r.contactId === kept)).toBe(true);
      await owner.json('DELETE', `${base}/${hook.id}`);
    } finally {
      await hooked.close();
    }
  });

  it('starts the kept contact’s queue when it had nothing queued of its own', async () => {
    let accepting = false;
    const hooked = await startReceiver(() => accepting);
    try {
      // Only tag changes: the kept contact has no delivery (and no delivery job) of its own.
      const hook = (await owner.json('POST', base, { url: hooked.url, events: ['contact.tag.updated'] })).body;
      const kept = (await api.call('POST', '/v2/contact/email:quiet@example.com', {})).body.contactId;
      const gone = (await api.call('POST', '/v2/contact/phone:5588887777', {})).body.contactId;
      await api.call('POST', `/v2/contact/id:${gone}/tag`, ['lead']);
      const [queued] = await eventually(async () => {
        const rows = await w.scope.find(webhookDeliveries, eq(webhookDeliveries.subscriptionId, hook.id));
        return rows.length === 1 && rows[0]!.attempts > 0 ? rows : undefined;
      });
      await api.call('POST', '/v2/contact/merge', { contactIds: [kept, gone] });
      accepting = true;
      // The merged-away contact's retry finds its queue empty and starts the kept contact's.
      await eventually(async () => {
        const [row] = await w.scope.find(webhookDeliveries, eq(webhookDeliveries.id, queued!.id));
        return row?.status === 'delivered' && row.contactId === kept;
      });
      expect(JSON.parse(hooked.received.at(-1)!.body).data.contact.id).toBe(kept);
      await owner.json('DELETE', `${base}/${hook.id}`);
    } finally {
      await hooked.close();
    }
  });

  it('reports contact.deleted from the developer API and the agents’ API, with the contact as it was', async () => {
    const hooked = await startReceiver(0);
    try {
      const hook = (await owner.json('POST', base, { url: hooked.url, events: ['contact.deleted'] })).body;
      const byApi = (await api.call('POST', '/v2/contact/email:bye@example.com', { firstName: 'Adiós' })).body
        .contactId;
      const byAgent = (await api.call('POST', '/v2/contact/phone:5577776666', { firstName: 'Chao' })).body.contactId;
      const absorbed = (await api.call('POST', '/v2/contact/email:chao@example.com', { firstName: 'Chao' })).body
        .contactId;
      await api.call('POST', '/v2/contact/merge', { contactIds: [byAgent, absorbed] });
      await api.call('POST', `/v2/contact/id:${byApi}/tag`, ['vip']);

      // Who may delete from the app: owners, and managers the owner did not restrict.
      const f = factories(rt.ctx);
      const restricted = await loginSession(
        rt.url,
        (await f.member(w.ws.id, 'manager', 'all', ['contact_deletion'])).email,
      );
      const agent = await loginSession(rt.url, (await f.member(w.ws.id, 'agent')).email);
      const manager = await loginSession(rt.url, (await f.member(w.ws.id, 'manager')).email);
      const path = `/api/w/${w.ws.slug}/contacts/${byAgent}`;
      expect((await restricted.json('DELETE', path)).status).toBe(403);
      expect((await agent.json('DELETE', path)).status).toBe(403);

      expect((await api.call('DELETE', `/v2/contact/id:${byApi}`)).status).toBe(200);
      expect((await manager.json('DELETE', path)).status).toBe(204);
      expect((await manager.json('DELETE', path)).status).toBe(404);
      // The contact it had absorbed is gone with it, not brought back to life.
      expect(await w.scope.find(contacts, eq(contacts.id, absorbed))).toEqual([]);
      expect((await api.call('GET', `/v2/contact/id:${absorbed}`)).status).toBe(404);
      const audited = await w.scope.find(auditLog, eq(auditLog.action, 'contact.deleted'));
      expect(audited.map((a) => a.data.contactId)).toEqual(expect.arrayContaining([byApi, byAgent]));

      await eventually(async () => hooked.received.length >= 2);
      const bodies = hooked.received.map((r) => JSON.parse(r.body));
      expect(bodies.map((b) => b.event)).toEqual(['contact.deleted', 'contact.deleted']);
      expect(bodies.find((b) => b.data.contact.id === byApi).data.contact).toMatchObject({
        firstName: 'Adiós',
        email: 'bye@example.com',
        tags: ['vip'],
      });
      expect(bodies.find((b) => b.data.contact.id === byAgent).data.contact).toMatchObject({ firstName: 'Chao' });
      for (const r of hooked.received) expect(verifySignature(hook.secret, r.body, r.signature)).toBe(true);
      await owner.json('DELETE', `${base}/${hook.id}`);
    } finally {
      await hooked.close();
    }
  });

  it('gives up on a delivery still failing after 24 hours, and the contact’s next event goes out', async () => {
    // Refuses contact.created forever, accepts the rest.
    const picky = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const event = JSON.parse(body).event;
        picky.emit('delivery', event);
        res.writeHead(event === 'contact.created' ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => picky.listen(0, '127.0.0.1', r));
    const accepted: string[] = [];
    picky.on('delivery', (event: string) => accepted.push(event));
    try {
      const url = `http://127.0.0.1:${(picky.address() as AddressInfo).port}/hook`;
      const hook = (await owner.json('POST', base, { url, events: ['contact.created', 'contact.updated'] })).body;
      const id = (await api.call('POST', '/v2/contact/email:late@example.com', { firstName: 'Tarde' })).body.contactId;
      await api.call('PUT', `/v2/contact/id:${id}`, { lastName: 'Siempre' });
      const first = await eventually(async () => {
        const [d] = await w.scope.find(
          webhookDeliveries,
          and(eq(webhookDeliveries.subscriptionId, hook.id), eq(webhookDeliveries.event, 'contact.created')),
        );
        return d && d.attempts >= 2 ? d : undefined;
      });
      // The contact's update waits behind the failing creation.
      expect(accepted).not.toContain('contact.updated');
      // Pretend the first attempt was a day ago: the next failure gives up and the queue moves on.
      await w.scope.update(
        webhookDeliveries,
        { createdAt: new Date(Date.now() - 25 * 3_600_000) },
        eq(webhookDeliveries.id, first.id),
      );
      await eventually(async () => {
        const rows = await w.scope.find(webhookDeliveries, eq(webhookDeliveries.subscriptionId, hook.id));
        const byEvent = Object.fromEntries(rows.map((r) => [r.event, r.status]));
        return byEvent['contact.created'] === 'failed' && byEvent['contact.updated'] === 'delivered';
      });
      await owner.json('DELETE', `${base}/${hook.id}`);
    } finally {
      await new Promise<void>((r) => picky.close(() => r()));
    }
  });

  it('skips the webhook job for workspaces without webhooks once it knows which have them', async () => {
    const active = new ActiveWebhookWorkspaces(rt.ctx.db);
    expect(active.has(987654)).toBe(true); // not read yet: every workspace counts, nothing is lost
    await eventually(async () => !active.has(987654));
    expect(active.has(w.ws.id)).toBe(true);
    active.add(987654);
    expect(active.has(987654)).toBe(true);
  });

  it('pauses, edits and deletes a subscription; agents may not manage webhooks', async () => {
    const created = (await owner.json('POST', base, { url: receiver.url, events: ['contact.created'] })).body;
    const paused = await owner.json('PATCH', `${base}/${created.id}`, { enabled: false, events: ['contact.updated'] });
    expect(paused.body).toMatchObject({ enabled: false, events: ['contact.updated'] });
    expect((await owner.json('DELETE', `${base}/${created.id}`)).status).toBe(204);
    expect((await owner.json('DELETE', `${base}/${created.id}`)).status).toBe(404);
    const agent = await loginSession(rt.url, (await factories(rt.ctx).member(w.ws.id, 'agent')).email);
    expect((await agent.json('GET', base)).status).toBe(403);
  });
});
