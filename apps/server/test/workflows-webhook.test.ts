import { workflowDraftSchema } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, workflowRuns } from '../src/db/schema';
import { signatureHeader } from '../src/modules/webhooks/signing';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { factories } from './support/factories';
import { loginSession } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/** The incoming-webhook trigger: signed like outgoing webhooks, contacts named like the developer API. */
describe('incoming webhook trigger', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('starts a run for the named contact (created when new) with variables, once per event id, and refuses bad signatures', async () => {
    const { ws, owner, scope } = await factories(rt.ctx).workspace({ defaultCountry: 'MX' });
    const wf = await createWorkflow(scope, null, {
      draft: workflowDraftSchema.parse({
        name: 'Pedido',
        trigger: { type: 'incoming_webhook' },
        graph: {
          start: 'tag',
          steps: [
            { id: 'tag', type: 'update_tag', action: 'add', tags: ['pedido'], next: 'name' },
            { id: 'name', type: 'update_field', field: 'last_name', value: 'Pedido $var.order', next: null },
          ],
        },
      }),
    });
    await publishWorkflow(scope, wf.id, null);
    const session = await loginSession(rt.url, owner.email);
    const hook = await session.json<{ url: string; secret: string }>(
      'GET',
      `/api/w/${ws.slug}/workflows/${wf.id}/webhook`,
    );
    expect(hook.status).toBe(200);
    expect(hook.body.url).toMatch(new RegExp(`/hooks/workflows/${wf.id}$`));
    const post = (
      body: unknown,
      sign: (raw: string) => string | undefined = (raw) => signatureHeader(hook.body.secret, raw),
    ) => {
      const raw = JSON.stringify(body);
      const sig = sign(raw);
      return fetch(`${rt.url}/hooks/workflows/${wf.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sig ? { 'x-charla-signature': sig } : {}) },
        body: raw,
      });
    };

    const body = { contact: 'phone:55 1234 5678', firstName: 'Lupe', variables: { order: 1042 }, eventId: 'evt-1' };
    expect((await post(body, () => undefined)).status).toBe(401);
    expect((await post(body, (raw) => signatureHeader('whsec_wrong', raw))).status).toBe(401);
    expect(
      (await post(body, (raw) => signatureHeader(hook.body.secret, raw, new Date(Date.now() - 10 * 60_000)))).status,
    ).toBe(401);
    expect(await scope.count(contacts)).toBe(0);

    const first = await post(body);
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: number };
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true, runId });
    await eventually(
      async () => (await scope.find(workflowRuns, eq(workflowRuns.id, runId)))[0]?.status === 'completed',
    );
    const [lupe] = await scope.find(contacts);
    expect(lupe).toMatchObject({ firstName: 'Lupe', lastName: 'Pedido 1042', phone: '+525512345678' });
    expect(await scope.count(contacts)).toBe(1);

    // The same person by another format of the number: no new contact, a new run (another event).
    const second = await post({ contact: 'phone:+52 1 55 1234 5678', eventId: 'evt-2', variables: { order: 7 } });
    expect(second.status).toBe(202);
    await eventually(async () => (await scope.find(workflowRuns)).every((r) => r.status === 'completed'));
    expect(await scope.count(contacts)).toBe(1);
    expect((await scope.find(contacts))[0]!.lastName).toBe('Pedido 7');

    const unknown = await post({ contact: 'id:999999', eventId: 'evt-3' });
    expect(unknown.status).toBe(404);
  });
});
