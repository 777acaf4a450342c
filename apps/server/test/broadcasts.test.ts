import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastRecipients, contactChannels, contacts, messages, workflowRuns } from '../src/db/schema';
import { mergeContacts } from '../src/modules/identity/merge';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { factories } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';
import { inbound, type Thread } from './support/tenant-world';

/** Broadcasts on the custom channel: audience, pacing window, failures and retry, schedule, cancel, replies. */
describe('broadcasts', () => {
  let rt: TestRuntime;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let setup: Awaited<ReturnType<ReturnType<typeof factories>['workspace']>>;
  let session: Session;
  let channel: { id: number; secret: string };
  let base: string;
  let vipSegment: number;
  const people: Record<string, Thread> = {};

  const person = async (key: string, name: string, email: string, on = channel) => {
    people[key] = await inbound(rt, setup.scope, on, {
      externalId: `ext-${key}`,
      name,
      email,
      phone: '',
      text: `hola soy ${name}`,
    });
    return people[key]!;
  };

  /** A broadcast created and sent through the API; returns its id. */
  const launch = async (body: Record<string, unknown>) => {
    const created = await session.json('POST', `${base}/broadcasts`, {
      channelId: channel.id,
      segmentId: vipSegment,
      schedule: null,
      ...body,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('draft');
    const sent = await session.json('POST', `${base}/broadcasts/${created.body.id}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return created.body.id as number;
  };

  const settled = (id: number, statuses = ['completed', 'failed']) =>
    eventually(async () => {
      const res = await session.json('GET', `${base}/broadcasts/${id}`);
      return statuses.includes(res.body.status) ? res.body : undefined;
    }, 30_000);

  const recipientOf = async (broadcastId: number, key: string) =>
    (
      await setup.scope.find(
        broadcastRecipients,
        eq(broadcastRecipients.broadcastId, broadcastId),
        eq(broadcastRecipients.contactId, people[key]!.contactId),
      )
    )[0];

  /** What the provider was asked to send to one address (the custom channel's JSON bodies). */
  const sentTo = (key: string) =>
    callback.calls.map((c) => JSON.parse(c.body)).filter((b) => b.recipient?.id === `ext-${key}`);

  beforeAll(async () => {
    rt = await startTestRuntime({ broadcastInFlight: 3, jobPollSeconds: 1 });
    callback = await startFakeCallback();
    const f = factories(rt.ctx);
    setup = await f.workspace();
    const custom = async () => {
      const made = await f.customChannel(setup.scope, { callbackUrl: callback.url });
      return { id: made.channel.id, secret: made.secret };
    };
    channel = await custom();
    const other = await custom();
    session = await loginSession(rt.url, setup.owner.email);
    base = `/api/w/${setup.ws.slug}`;
    const vip: [string, string][] = [
      ['ana', 'Ana Ruiz'],
      ['beto', 'Beto Gómez'],
      ['carla', 'Carla Díaz'],
      ['dario', 'Darío León'],
      ['eva', 'Eva Soto'],
    ];
    for (const [key, name] of vip) await person(key, name, `${key}@vip.example`);
    await person('blocked', 'Bloqueado Pérez', 'blocked@vip.example');
    await person('stop', 'Sergio Stop', 'stop@vip.example');
    await person('outsider', 'Otro Cliente', 'outsider@plain.example');
    await person('elsewhere', 'Elena Otra', 'elsewhere@vip.example', other);
    await setup.scope.update(contacts, { blocked: true }, eq(contacts.id, people.blocked!.contactId));
    await setup.scope.update(
      contactChannels,
      { unreachable: true, unreachableReason: 'opted_out: the contact replied "STOP"' },
      eq(contactChannels.contactId, people.stop!.contactId),
    );
    const segment = await session.json('POST', `${base}/segments`, {
      name: 'VIP',
      definition: { $and: [{ category: 'contactField', field: 'email', operator: 'contains', value: '@vip.' }] },
    });
    vipSegment = segment.body.id;
  });

  afterAll(async () => {
    await callback?.close();
    await rt?.close();
  });

  it('sends to the segment’s reachable contacts on the channel, with their variables, and reports the skipped', async () => {
    const before = callback.calls.length;
    const id = await launch({ name: 'Promo', content: { kind: 'text', text: 'Hola $contact.firstname, 2×1 hoy' } });
    const done = await settled(id);
    expect(done.status).toBe('completed');
    expect(done.report).toMatchObject({ recipients: 7, sent: 5, skipped: 2, failed: 0, pending: 0 });
    expect(callback.calls.length - before).toBe(5);
    expect(sentTo('ana').at(-1).text).toBe('Hola Ana, 2×1 hoy');
    expect(sentTo('dario').at(-1).text).toBe('Hola Darío, 2×1 hoy');
    // Not in the segment, or no address on this channel: not part of the audience at all.
    expect(await recipientOf(id, 'outsider')).toBeUndefined();
    expect(await recipientOf(id, 'elsewhere')).toBeUndefined();
    expect(sentTo('blocked')).toEqual([]);
    expect(await recipientOf(id, 'blocked')).toMatchObject({ status: 'skipped', errorCode: 'blocked' });
    expect(await recipientOf(id, 'stop')).toMatchObject({ status: 'skipped', errorCode: 'opted_out' });
    // Each message is in the contact's history as a broadcast message, without opening a conversation.
    const ana = await recipientOf(id, 'ana');
    const [m] = await setup.scope.find(messages, eq(messages.id, ana!.messageId!));
    expect(m).toMatchObject({ senderKind: 'broadcast', status: 'sent', contactId: people.ana!.contactId });
    expect(m!.meta).toMatchObject({ broadcastId: id });

    const skipped = await session.json('GET', `${base}/broadcasts/${id}/recipients?status=skipped`);
    expect(skipped.body.items.map((r: { contactName: string }) => r.contactName).sort()).toEqual([
      'Bloqueado Pérez',
      'Sergio Stop',
    ]);
    const list = await session.json('GET', `${base}/broadcasts`);
    expect(list.body.items[0]).toMatchObject({ id, name: 'Promo', status: 'completed', report: { sent: 5 } });
  });

  it('keeps at most CHARLA_BROADCAST_IN_FLIGHT messages queued, and an agent’s reply does not wait behind them', async () => {
    callback.hold();
    const before = callback.calls.length;
    const id = await launch({ name: 'Window', content: { kind: 'text', text: 'Aviso general' } });
    // Three broadcast sends reach the provider and are held there; the other two wait for room.
    await eventually(async () => callback.calls.length - before === 3);
    const queued = await setup.scope.count(messages, sql`${messages.meta}->>'broadcastId' = ${String(id)}`);
    expect(queued).toBe(3);
    const reply = await session.json('POST', `${base}/conversations/${people.outsider!.conversationId}/messages`, {
      text: 'Respuesta de un agente',
    });
    expect(reply.status).toBe(201);
    await eventually(async () => sentTo('outsider').some((b) => b.text === 'Respuesta de un agente'));
    expect(callback.calls.length - before).toBe(4);
    callback.release();
    const done = await settled(id);
    expect(done.report).toMatchObject({ sent: 5, pending: 0 });
    expect(callback.calls.length - before).toBe(6);
  });

  it('records permanent and retryable failures with the provider’s reason, and retries only the retryable', async () => {
    let flakyFixed = false;
    callback.respondBy((raw) => {
      const to = JSON.parse(raw).recipient?.id;
      if (to === 'ext-beto') return { status: 400, body: JSON.stringify({ message: 'Número dado de baja' }) };
      if (to === 'ext-carla' && !flakyFixed)
        return { status: 429, body: JSON.stringify({ message: 'Slow down' }), headers: { 'retry-after': '0' } };
      return undefined;
    });
    try {
      const id = await launch({ name: 'Fallas', content: { kind: 'text', text: 'Hola $contact.firstname' } });
      const done = await settled(id);
      expect(done.status).toBe('completed');
      expect(done.report).toMatchObject({ sent: 3, failed: 2, retryable: 1 });
      expect(await recipientOf(id, 'beto')).toMatchObject({
        status: 'failed',
        errorCode: '400',
        errorReason: 'Número dado de baja',
        retryable: false,
      });
      expect(await recipientOf(id, 'carla')).toMatchObject({ status: 'failed', errorCode: '429', retryable: true });
      const failed = await session.json('GET', `${base}/broadcasts/${id}/recipients?status=failed`);
      expect(failed.body.items.map((r: { errorReason: string }) => r.errorReason).sort()).toEqual([
        'Número dado de baja',
        'Slow down',
      ]);

      flakyFixed = true;
      const betoCalls = sentTo('beto').length;
      const retry = await session.json('POST', `${base}/broadcasts/${id}/retry`);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ retried: 1, status: 'in_progress' });
      const again = await settled(id);
      expect(again.report).toMatchObject({ sent: 4, failed: 1, retryable: 0 });
      expect(await recipientOf(id, 'carla')).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sentTo('beto').length).toBe(betoCalls);
      const nothing = await session.json('POST', `${base}/broadcasts/${id}/retry`);
      expect(nothing.status).toBe(409);
      expect(nothing.body.code).toBe('nothing_to_retry');
    } finally {
      callback.respondBy(null);
    }
  });

  it('sends a scheduled broadcast at the local time of its time zone, from a delayed job', async () => {
    const timeZone = 'America/Mexico_City';
    const at = new Date(Date.now() + 2_000);
    // Swedish dates are written YYYY-MM-DD HH:MM:SS: the local time the form sends, with a space.
    const localTime = at.toLocaleString('sv-SE', { timeZone }).replace(' ', 'T');
    const id = await launch({
      name: 'Programada',
      content: { kind: 'text', text: 'Buenos días' },
      schedule: { localTime, timeZone },
    });
    const scheduled = await session.json('GET', `${base}/broadcasts/${id}`);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', schedule: { localTime, timeZone } });
    expect(new Date(scheduled.body.scheduledAt).getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
    expect(scheduled.body.report.recipients).toBe(0);
    const done = await settled(id);
    expect(done).toMatchObject({ status: 'completed', report: { sent: 5 } });
    expect(new Date(done.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.scheduledAt).getTime());

    const past = await session.json('POST', `${base}/broadcasts`, {
      name: 'Tarde',
      channelId: channel.id,
      segmentId: vipSegment,
      content: { kind: 'text', text: 'x' },
      schedule: { localTime: '2020-01-01T09:00', timeZone },
    });
    const refused = await session.json('POST', `${base}/broadcasts/${past.body.id}/send`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('schedule_in_past');
  });

  it('cancel stops the remaining sends', async () => {
    callback.hold();
    const before = callback.calls.length;
    const id = await launch({ name: 'Cancelada', content: { kind: 'text', text: 'Oferta' } });
    await eventually(async () => callback.calls.length - before === 3);
    const cancelled = await session.json('POST', `${base}/broadcasts/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    callback.release();
    // The three already at the provider went out; the other two were never queued.
    const done = await eventually(async () => {
      const res = await session.json('GET', `${base}/broadcasts/${id}`);
      return res.body.report.sent === 3 ? res.body : undefined;
    });
    expect(done).toMatchObject({ status: 'cancelled', report: { sent: 3, skipped: 4, pending: 0 } });
    const cancelledRows = await setup.scope.find(
      broadcastRecipients,
      and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.errorCode, 'cancelled')),
    );
    expect(cancelledRows).toHaveLength(2);
    expect(cancelledRows.every((r) => r.messageId === null)).toBe(true);
    expect(callback.calls.length - before).toBe(3);
    expect((await session.json('POST', `${base}/broadcasts/${id}/cancel`)).status).toBe(409);
  });

  it('a reply to a broadcast marks the recipient replied and starts the broadcast-reply workflows', async () => {
    const id = await launch({ name: 'Encuesta', content: { kind: 'text', text: '¿Te gustó tu compra?' } });
    await settled(id);
    const workflowFor = async (name: string, broadcastIds: number[]) => {
      const wf = await createWorkflow(setup.scope, null, {
        draft: {
          name,
          trigger: { type: 'broadcast_reply', broadcastIds },
          settings: { oncePerContact: false, maxJumps: 50 },
          graph: {
            start: 's',
            steps: [{ id: 's', type: 'send_message', text: `Gracias (${name})`, buttons: [], next: null }],
            layout: {},
          },
        },
      });
      await publishWorkflow(setup.scope, wf.id, null);
      return wf.id;
    };
    const thisOne = await workflowFor('esta', [id]);
    const anyOne = await workflowFor('cualquiera', []);
    const otherOne = await workflowFor('otra', [id + 1000]);

    await inbound(rt, setup.scope, channel, {
      externalId: 'ext-eva',
      name: 'Eva Soto',
      email: 'eva@vip.example',
      phone: '',
      text: '¡Sí, mucho!',
    });
    const replied = await eventually(async () => {
      const r = await recipientOf(id, 'eva');
      return r?.status === 'replied' ? r : undefined;
    });
    expect(replied.repliedAt).not.toBeNull();
    const runs = await eventually(async () => {
      const rows = await setup.scope.find(workflowRuns, eq(workflowRuns.contactId, people.eva!.contactId));
      return rows.length >= 2 ? rows : undefined;
    });
    expect(runs.map((r) => r.workflowId).sort()).toEqual([thisOne, anyOne].sort());
    expect(runs.every((r) => r.workflowId !== otherOne)).toBe(true);
    expect(runs[0]!.trigger).toMatchObject({ type: 'broadcast_reply', broadcastId: id });
    await eventually(async () => sentTo('eva').some((b) => b.text === 'Gracias (esta)'));
    const report = await session.json('GET', `${base}/broadcasts/${id}`);
    expect(report.body.report).toMatchObject({ sent: 5, replied: 1 });
    // A second message is not a second reply.
    await inbound(rt, setup.scope, channel, {
      externalId: 'ext-eva',
      name: 'Eva Soto',
      email: 'eva@vip.example',
      phone: '',
      text: 'Otra cosa',
    });
    const later = await setup.scope.find(workflowRuns, eq(workflowRuns.contactId, people.eva!.contactId));
    expect(later.length).toBe(runs.length);
  });

  it('sends to all contacts; refuses editing a sent broadcast and agents’ writes', async () => {
    const agent = await factories(rt.ctx).member(setup.ws.id, 'agent', 'all');
    const agentSession = await loginSession(rt.url, agent.email);
    const draft = {
      name: 'X',
      channelId: channel.id,
      segmentId: null,
      content: { kind: 'text', text: 'x' },
      schedule: null,
    };
    expect((await agentSession.json('POST', `${base}/broadcasts`, draft)).status).toBe(403);
    const list = await agentSession.json('GET', `${base}/broadcasts`);
    expect(list.status).toBe(200);
    const id = await launch({ name: 'Todos', segmentId: null, content: { kind: 'text', text: 'Para todos' } });
    const done = await settled(id);
    // "All contacts": everyone with an address on the channel (blocked and opted out skipped).
    expect(done.report).toMatchObject({ recipients: 8, sent: 6, skipped: 2 });
    const edit = await session.json('PUT', `${base}/broadcasts/${id}`, draft);
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('broadcast_not_draft');
  });

  it('a reply still counts after the recipient was merged into another contact', async () => {
    const id = await launch({ name: 'Tras fusión', content: { kind: 'text', text: 'Novedades' } });
    await settled(id);
    await mergeContacts(setup.scope, {
      keptContactId: people.outsider!.contactId,
      mergedContactId: people.dario!.contactId,
      trigger: 'manual',
      actorUserId: null,
    });
    await inbound(rt, setup.scope, channel, {
      externalId: 'ext-dario',
      name: 'Darío León',
      email: 'dario@vip.example',
      phone: '',
      text: 'Me interesa',
    });
    const replied = await eventually(async () => {
      const r = await recipientOf(id, 'dario');
      return r?.status === 'replied' ? r : undefined;
    });
    expect(replied.contactId).toBe(people.dario!.contactId);
  });
});
