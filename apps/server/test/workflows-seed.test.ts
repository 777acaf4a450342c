import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChannels, contacts, mergeSuggestions, workflowRuns } from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { factories, postCustomWebhook } from './support/factories';
import { startFakeCallback } from './support/fake-callback';
import { loginSession, type Session } from './support/http';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The help page's case end to end, through the HTTP API and the custom channel: "Mensaje de bienvenida
 * y Solicitar correo electrónico" greets, asks for the email only when the contact has none (branch on
 * "field exists" + Jump), re-asks an invalid answer, saves a valid one and raises a merge suggestion.
 */
describe('workflow templates from the help page', () => {
  let rt: TestRuntime;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;
  let session: Session;
  let scope: Scope;
  let slug: string;
  let channel: { id: number };
  let secret: string;
  let seq = 0;

  const texts = () => callback.calls.map((c) => JSON.parse(c.body) as { recipient: { id: string }; text: string });
  const sentTo = (externalId: string) =>
    texts()
      .filter((t) => t.recipient.id === externalId)
      .map((t) => t.text);
  const write = (externalId: string, text: string, sender: Record<string, unknown> = {}) =>
    postCustomWebhook(rt.url, channel.id, secret, { id: `in-${++seq}`, sender: { id: externalId, ...sender }, text });
  const contactOf = async (externalId: string) => {
    const [address] = await scope.find(contactChannels, eq(contactChannels.externalId, externalId));
    if (!address) return undefined;
    const [c] = await scope.find(contacts, eq(contacts.id, address.contactId));
    return c;
  };
  const runOf = async (contactId: number) => (await scope.find(workflowRuns, eq(workflowRuns.contactId, contactId)))[0];

  beforeAll(async () => {
    rt = await startTestRuntime();
    callback = await startFakeCallback();
    const setup = await factories(rt.ctx).workspace({ defaultCountry: 'MX' });
    scope = setup.scope;
    slug = setup.ws.slug;
    ({ channel, secret } = await factories(rt.ctx).customChannel(scope, { callbackUrl: callback.url }));
    session = await loginSession(rt.url, setup.owner.email);
    const created = await session.json('POST', `/api/w/${slug}/workflows`, { template: 'welcome-ask-email' });
    expect(created.status).toBe(201);
    expect(created.body.problems).toEqual([]);
    const published = await session.json('POST', `/api/w/${slug}/workflows/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1 });
  });

  afterAll(async () => {
    await callback?.close();
    await rt?.close();
  });

  it('greets a new contact, re-asks an invalid email, saves a valid one and suggests the merge', async () => {
    // Someone else already has the address: the answer must raise a merge suggestion.
    await write('other-1', 'Soy el otro', { email: 'ana.lopez@example.com' });
    await eventually(() => contactOf('other-1'));

    expect((await write('ana-1', 'Hola')).status).toBe(200);
    await eventually(async () => sentTo('ana-1').length >= 2);
    expect(sentTo('ana-1')[0]).toContain('Gracias por escribirnos');
    expect(sentTo('ana-1')[1]).toContain('¿Cuál es tu correo electrónico?');
    const ana = (await contactOf('ana-1'))!;
    await eventually(async () => (await runOf(ana.id))?.status === 'waiting');

    await write('ana-1', 'no tengo correo');
    await eventually(async () => sentTo('ana-1').length >= 3);
    expect(sentTo('ana-1')[2]).toContain('Ese correo no parece válido');
    expect((await scope.find(contacts, eq(contacts.id, ana.id)))[0]!.email).toBeNull();

    await write('ana-1', '  Ana.Lopez@EXAMPLE.com ');
    await eventually(async () => (await runOf(ana.id))?.status === 'completed');
    await eventually(async () => sentTo('ana-1').length >= 4);
    expect(sentTo('ana-1')[3]).toContain('Un agente te atenderá');
    expect(sentTo('ana-1')).toHaveLength(4);
    const saved = (await scope.find(contacts, eq(contacts.id, ana.id)))[0]!;
    expect(saved.email).toBe('Ana.Lopez@example.com');
    const other = (await contactOf('other-1'))!;
    const suggestions = await scope.find(mergeSuggestions);
    expect(
      suggestions.some(
        (s) => [s.contactAId, s.contactBId].includes(ana.id) && [s.contactAId, s.contactBId].includes(other.id),
      ),
    ).toBe(true);

    // The inspector shows each step with its outcome.
    const run = (await runOf(ana.id))!;
    const { body } = await session.json('GET', `/api/w/${slug}/workflow-runs/${run.id}`);
    expect(body.trace.map((t: { stepId: string | null; outcome: string }) => `${t.stepId}:${t.outcome}`)).toEqual([
      'null:started',
      'welcome:done',
      'check:done',
      'ask_email:waiting',
      'ask_email:invalid_answer',
      'ask_email:answered',
      'thanks:done',
    ]);
    expect(body.trace[2].detail).toMatchObject({ branch: 0 });
    expect(body.trace[5].detail).toMatchObject({ value: 'Ana.Lopez@example.com' });

    // The contact's timeline tells the same story, interleaved with what the answer changed: the email
    // recorded (an unverified identifier) in the same transaction as the answer and the thanks, listed
    // after the steps of that moment.
    const timeline = await session.json('GET', `/api/w/${slug}/contacts/${ana.id}/activities`);
    const story = (timeline.body.items as { kind: string; data: Record<string, unknown> }[])
      .map((e) => (e.kind === 'workflow.step' ? `${e.data.stepType ?? 'trigger'}:${e.data.outcome}` : e.kind))
      .reverse();
    expect(story.filter((k) => k !== 'field.changed')).toEqual([
      'trigger:started',
      'send_message:done',
      'branch:done',
      'ask_question:waiting',
      'ask_question:invalid_answer',
      'ask_question:answered',
      'send_message:done',
      'identifier.added',
    ]);
    const firstStep = timeline.body.items.find((e: { kind: string }) => e.kind === 'workflow.step');
    expect(firstStep.data).toMatchObject({ workflowName: expect.any(String), runId: run.id });
  });

  it('skips the question for a contact who already has an email (branch else → jump)', async () => {
    await write('beto-1', 'Buenas', { email: 'beto@example.com', name: 'Beto' });
    const beto = await eventually(() => contactOf('beto-1'));
    await eventually(async () => (await runOf(beto.id))?.status === 'completed');
    await eventually(async () => sentTo('beto-1').length >= 2);
    expect(sentTo('beto-1')).toHaveLength(2);
    expect(sentTo('beto-1')[0]).toContain('¡Hola Beto!');
    expect(sentTo('beto-1')[1]).toContain('Un agente te atenderá');
    const run = (await runOf(beto.id))!;
    const { body } = await session.json('GET', `/api/w/${slug}/workflow-runs/${run.id}`);
    expect(body.trace.map((t: { stepId: string | null; outcome: string }) => `${t.stepId}:${t.outcome}`)).toEqual([
      'null:started',
      'welcome:done',
      'check:done',
      'skip:done',
      'thanks:done',
    ]);
    expect(body.trace[2].detail).toMatchObject({ branch: 'else' });
  });

  it('does not start a second run while one is live, and a human taking over stops it', async () => {
    await write('caro-1', 'Hola');
    const caro = await eventually(() => contactOf('caro-1'));
    await eventually(async () => (await runOf(caro.id))?.status === 'waiting');
    await write('caro-1', 'sigo aquí');
    await eventually(async () => sentTo('caro-1').length >= 3);
    expect(await scope.count(workflowRuns, eq(workflowRuns.contactId, caro.id))).toBe(1);

    const { body: list } = await session.json('GET', `/api/w/${slug}/conversations?view=all`);
    const conv = list.items.find((c: { contact: { id: number } }) => c.contact.id === caro.id);
    const me = await session.json('GET', '/api/me');
    const assigned = await session.json('POST', `/api/w/${slug}/conversations/${conv.id}/assign`, {
      userId: me.body.user.id,
      teamId: null,
    });
    expect(assigned.status).toBe(200);
    await eventually(async () => (await runOf(caro.id))?.status === 'stopped');
    expect((await runOf(caro.id))!.reason).toBe('bot_paused');
    const before = sentTo('caro-1').length;
    await write('caro-1', 'caro@example.com');
    await new Promise((r) => setTimeout(r, 1000));
    expect(sentTo('caro-1')).toHaveLength(before);
    expect((await contactOf('caro-1'))!.email).toBeNull();
  });
});
