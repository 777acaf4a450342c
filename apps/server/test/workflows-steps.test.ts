import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowDraftInput } from '@charla/contracts/workflows';
import { workflowDraftSchema } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments, contactChannels, contacts, conversations, workflowRuns, workflowRunSteps } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { setPresence } from '../src/modules/members/service';
import { setContactTag, tagByName } from '../src/modules/tags/service';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The steps beyond the help page's case, each through a real run: assignment strategies and the queue,
 * HTTP requests (response mapping, and the private-network guard), the loop guard, tag triggers with
 * "once per contact", branches on tags and fields, contact fields and closing.
 */
describe('workflow steps', () => {
  let rt: TestRuntime;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let f: ReturnType<typeof factories>;
  let api: http.Server;
  let apiUrl: string;
  const apiCalls: { method: string; url: string; body: string }[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime({ allowPrivateHosts: ['127.0.0.1'] });
    f = factories(rt.ctx);
    callback = await startFakeCallback();
    api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        apiCalls.push({ method: req.method!, url: req.url!, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { order: { status: 'enviado', items: [{ sku: 'A-1' }] } } }));
      });
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => api?.close(r));
    await callback?.close();
    await rt?.close();
  });

  /** A workspace with a custom channel and one published workflow. */
  async function world(draft: WorkflowDraftInput) {
    const setup = await f.workspace({ defaultCountry: 'MX' });
    const { channel, secret } = await f.customChannel(setup.scope, { callbackUrl: callback.url });
    const wf = await createWorkflow(setup.scope, null, { draft: workflowDraftSchema.parse(draft) });
    await publishWorkflow(setup.scope, wf.id, null);
    let seq = 0;
    const write = (id: string, text: string) =>
      postCustomWebhook(rt.url, channel.id, secret, { id: `${id}-${setup.ws.id}-${++seq}`, sender: { id }, text });
    return { ...setup, wf, write };
  }
  const sentTo = (id: string) =>
    callback.calls
      .map((c) => JSON.parse(c.body) as { recipient: { id: string }; text: string })
      .filter((m) => m.recipient.id === id)
      .map((m) => m.text);
  const contactOf = async (scope: Scope, externalId: string) => {
    const [a] = await scope.find(contactChannels, eq(contactChannels.externalId, externalId));
    return a ? (await scope.find(contacts, eq(contacts.id, a.contactId)))[0] : undefined;
  };
  const runsOf = (scope: Scope, contactId: number) => scope.find(workflowRuns, eq(workflowRuns.contactId, contactId));
  const finished = async (scope: Scope, contactId: number, status = 'completed') => {
    await eventually(async () => (await runsOf(scope, contactId)).some((r) => r.status === status));
    return (await runsOf(scope, contactId)).find((r) => r.status === status)!;
  };
  const opened: WorkflowDraftInput['trigger'] = { type: 'conversation_opened', sources: ['contact'] };

  it('assigns round robin among online members and queues the contact when nobody is online', async () => {
    const w = await world({
      name: 'RR',
      trigger: opened,
      graph: {
        start: 'a',
        steps: [
          {
            id: 'a',
            type: 'assign',
            target: 'workspace',
            strategy: 'round_robin',
            queueMessage: 'En cola',
            next: 'hi',
          },
          { id: 'hi', type: 'send_message', text: 'Te atiende $assignee.name', next: null },
        ],
      },
    });
    // The owner is offline: nobody can take it, so the contact waits and is told so.
    await w.write('q-1', 'hola');
    const queued = await eventually(() => contactOf(w.scope, 'q-1'));
    await eventually(async () => (await runsOf(w.scope, queued.id))[0]?.wait?.kind === 'assign');
    await eventually(async () => sentTo('q-1').includes('En cola'));

    const ana = await f.member(w.ws.id, 'agent');
    const beto = await f.member(w.ws.id, 'agent');
    await setPresence(rt.ctx, w.scope, ana.id, 'online');
    // Coming online drains the queue.
    const first = await finished(w.scope, queued.id);
    expect(first.status).toBe('completed');
    await setPresence(rt.ctx, w.scope, beto.id, 'online');
    const assignees: number[] = [];
    for (const id of ['r-1', 'r-2', 'r-3']) {
      await w.write(id, 'hola');
      const c = await eventually(() => contactOf(w.scope, id));
      await finished(w.scope, c.id);
      const [conv] = await w.scope.find(conversations, eq(conversations.contactId, c.id));
      assignees.push(conv!.assigneeUserId!);
    }
    const [queuedConv] = await w.scope.find(conversations, eq(conversations.contactId, queued.id));
    expect(queuedConv!.assigneeUserId).toBe(ana.id);
    // Ana took the queued one; round robin continues with whoever was assigned longest ago.
    expect(assignees).toEqual([beto.id, ana.id, beto.id]);
    await eventually(async () => sentTo('r-1').length === 1);
    expect(sentTo('r-1')[0]).toBe('Te atiende agent all');
  });

  it('maps an HTTP response into variables, and refuses private addresses that are not allow-listed', async () => {
    const w = await world({
      name: 'HTTP',
      trigger: opened,
      graph: {
        start: 'get',
        steps: [
          {
            id: 'get',
            type: 'http_request',
            method: 'POST',
            url: `${apiUrl}/orders?contact=$contact.phone`,
            headers: [{ name: 'X-Api-Key', value: 'k-1' }],
            body: '{"name":"$contact.firstname"}',
            mapping: [
              { path: 'data.order.status', variable: 'estado' },
              { path: 'data.order.items.0.sku', variable: 'sku' },
            ],
            next: 'tell',
            onError: 'oops',
          },
          { id: 'tell', type: 'send_message', text: 'Tu pedido $var.sku está $var.estado', next: 'local' },
          {
            id: 'local',
            type: 'http_request',
            method: 'GET',
            url: `${apiUrl.replace('127.0.0.1', 'localhost')}/private`,
            next: null,
            onError: 'oops',
          },
          { id: 'oops', type: 'send_message', text: 'No pude consultar', next: null },
        ],
      },
    });
    await w.write('h-1', 'hola');
    const c = await eventually(() => contactOf(w.scope, 'h-1'));
    const run = await finished(w.scope, c.id);
    await eventually(async () => sentTo('h-1').length === 2);
    expect(sentTo('h-1')).toEqual(['Tu pedido A-1 está enviado', 'No pude consultar']);
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]!.url).toBe('/orders?contact=');
    const trace = await w.scope.find(workflowRunSteps, eq(workflowRunSteps.runId, run.id));
    const refused = trace.find((t) => t.stepId === 'local' && t.outcome === 'failed');
    expect(String(refused?.detail.error)).toMatch(/^blocked: localhost resolves to a private address/);
  });

  it('stops a run that jumps in a loop more often than its limit', async () => {
    const w = await world({
      name: 'Loop',
      trigger: opened,
      settings: { oncePerContact: false, maxJumps: 3 },
      graph: {
        start: 'a',
        steps: [
          { id: 'a', type: 'update_field', field: 'first_name', value: 'Loop', next: 'b' },
          { id: 'b', type: 'jump', to: 'a' },
        ],
      },
    });
    await w.write('l-1', 'hola');
    const c = await eventually(() => contactOf(w.scope, 'l-1'));
    const run = await finished(w.scope, c.id, 'stopped');
    expect(run.reason).toBe('too_many_jumps');
    expect(run.jumps).toBe(4);
  });

  it('starts on a tag being added, once per contact, branches on tags and fields, and closes with a note', async () => {
    const w = await world({
      name: 'VIP',
      trigger: { type: 'contact_tag_updated', action: 'added', tags: ['VIP'] },
      settings: { oncePerContact: true, maxJumps: 50 },
      graph: {
        start: 'check',
        steps: [
          {
            id: 'check',
            type: 'branch',
            branches: [
              {
                match: 'all',
                conditions: [
                  { subject: 'tag', operator: 'has', tag: 'VIP' },
                  { subject: 'field', field: 'email', operator: 'not_exists' },
                ],
                next: 'note',
              },
            ],
            else: null,
          },
          { id: 'note', type: 'add_comment', text: 'Cliente VIP sin correo ($contact.name)', next: 'stage' },
          { id: 'stage', type: 'update_lifecycle', stage: 'customer', next: 'close' },
          { id: 'close', type: 'close_conversation', category: 'VIP', summary: 'Atendido por el flujo', next: null },
        ],
      },
    });
    await w.write('v-1', 'hola');
    const c = await eventually(() => contactOf(w.scope, 'v-1'));
    await eventually(async () => (await w.scope.find(conversations, eq(conversations.contactId, c.id))).length === 1);
    const vip = await tagByName(w.scope, 'vip');
    await w.scope.transaction((tx) => setContactTag(rt.ctx, tx, c.id, vip.id, 'added', w.owner.id));
    await finished(w.scope, c.id);
    const [conv] = await w.scope.find(conversations, eq(conversations.contactId, c.id));
    expect(conv).toMatchObject({ status: 'closed', closingCategory: 'VIP', closingSummary: 'Atendido por el flujo' });
    const notes = await w.scope.find(comments, eq(comments.contactId, c.id));
    expect(notes.map((n) => [n.body, n.userId])).toEqual([[`Cliente VIP sin correo (#${c.id})`, null]]);
    expect((await w.scope.find(contacts, eq(contacts.id, c.id)))[0]!.lifecycleStage).toBe('customer');

    // Removed and added again: "once per contact" keeps it at one run.
    await w.scope.transaction((tx) => setContactTag(rt.ctx, tx, c.id, vip.id, 'removed', w.owner.id));
    await w.scope.transaction((tx) => setContactTag(rt.ctx, tx, c.id, vip.id, 'added', w.owner.id));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runsOf(w.scope, c.id)).toHaveLength(1);
  });
});
