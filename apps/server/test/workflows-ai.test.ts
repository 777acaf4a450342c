import { knowledgeInputSchema } from '@charla/contracts/knowledge';
import { type WorkflowDraftInput, workflowDraftSchema } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactChannels,
  contactTags,
  conversations,
  messages,
  workflowRuns,
  workflowRunSteps,
} from '../src/db/schema';
import type { Scope } from '../src/db/scope';
import { saveAiSettings } from '../src/modules/ai/settings';
import { createKnowledgeEntry } from '../src/modules/knowledge/service';
import { advanceRun } from '../src/modules/workflows/engine';
import { createWorkflow, publishWorkflow } from '../src/modules/workflows/service';
import { startFakeCallback } from './support/fake-callback';
import { startFakeOpenAi, type FakeOpenAi } from './support/fake-openai';
import { factories, postCustomWebhook } from './support/factories';
import { eventually, startTestRuntime, type TestRuntime } from './support/runtime';

const HOURS_ES = 'Atendemos de lunes a viernes de 9:00 a 18:00.';
const HOURS_EN = 'We are open Monday to Friday, 9 am to 6 pm.';
const HANDOVER_ES = 'Te comunico con una persona de nuestro equipo. En breve te responderá.';

/**
 * The AI assistant step through real runs on a custom channel: with an OpenAI-compatible chat API (a fake
 * speaking its wire format) it answers from the retrieved knowledge and hands over on the model's marker;
 * failed calls are retried and then answered from the matrix alone; without a chat API it answers Q&A pairs
 * verbatim in the contact's language, greets, says goodbye, and hands over to the Assign step.
 */
describe('AI assistant step', () => {
  let rt: TestRuntime;
  let llm: FakeOpenAi;
  let callback: Awaited<ReturnType<typeof startFakeCallback>>;

  beforeAll(async () => {
    rt = await startTestRuntime({ allowPrivateHosts: ['127.0.0.1'], aiRetryBaseMs: 5 });
    llm = await startFakeOpenAi({ apiKey: 'sk-live-abc' });
    callback = await startFakeCallback();
  });
  afterAll(async () => {
    await llm?.close();
    await callback?.close();
    await rt?.close();
  });

  /** A workspace with a custom channel, a small knowledge matrix and the assistant workflow published. */
  async function world(opts: { llm: boolean }) {
    const f = factories(rt.ctx);
    const setup = await f.workspace({ name: 'Tienda Sol' });
    const { channel, secret } = await f.customChannel(setup.scope, { callbackUrl: callback.url });
    const entries = [
      {
        kind: 'qa',
        question: '¿Cuál es el horario de atención?',
        alternatives: ['¿A qué hora abren?'],
        answer: HOURS_ES,
        language: 'es',
      },
      { kind: 'qa', question: 'What are your opening hours?', answer: HOURS_EN, language: 'en' },
      { kind: 'document', title: 'Envíos', text: 'Enviamos a todo México en 3 a 5 días hábiles.' },
    ];
    for (const e of entries) await createKnowledgeEntry(setup.scope, null, knowledgeInputSchema.parse(e));
    if (opts.llm)
      await saveAiSettings(rt.ctx, setup.scope, setup.ws, {
        baseUrl: llm.baseUrl,
        apiKey: 'sk-live-abc',
        model: 'gpt-4o-mini',
        instructions: 'Firma como Sol.',
      });
    const draft: WorkflowDraftInput = {
      name: 'Asistente',
      trigger: { type: 'conversation_opened', sources: ['contact'] },
      graph: {
        start: 'bot',
        steps: [
          { id: 'bot', type: 'ai_assistant', maxTurns: 5, idleMinutes: 30, next: 'bye', onHandover: 'human' },
          { id: 'human', type: 'assign', target: 'user', userId: setup.owner.id, onlyOnline: false, next: null },
          { id: 'bye', type: 'update_tag', action: 'add', tags: ['ai-done'], next: null },
        ],
      },
    };
    const wf = await createWorkflow(setup.scope, null, { draft: workflowDraftSchema.parse(draft) });
    await publishWorkflow(setup.scope, wf.id, null);
    let seq = 0;
    const write = (id: string, text: string) =>
      postCustomWebhook(rt.url, channel.id, secret, { id: `${id}-${setup.ws.id}-${++seq}`, sender: { id }, text });
    return { ...setup, write };
  }

  const sentTo = (id: string) =>
    callback.calls
      .map((c) => JSON.parse(c.body) as { recipient: { id: string }; text: string })
      .filter((m) => m.recipient.id === id)
      .map((m) => m.text);
  const said = (id: string, n: number) => eventually(async () => sentTo(id).length >= n && sentTo(id));
  const runOf = async (scope: Scope, externalId: string) => {
    const [address] = await scope.find(contactChannels, eq(contactChannels.externalId, externalId));
    if (!address) return undefined;
    return (await scope.find(workflowRuns, eq(workflowRuns.contactId, address.contactId)))[0];
  };
  const traceOf = async (scope: Scope, runId: number) =>
    (await scope.find(workflowRunSteps, eq(workflowRunSteps.runId, runId)).orderBy(workflowRunSteps.id)).filter(
      (t) => t.stepId === 'bot',
    );
  const assigneeOf = async (scope: Scope, contactId: number) =>
    (await scope.find(conversations, eq(conversations.contactId, contactId)))[0]?.assigneeUserId;

  it('answers from the retrieved knowledge through the chat API and hands over on its marker', async () => {
    const w = await world({ llm: true });
    const before = llm.requests.length;
    llm.answer({ content: 'Abrimos de lunes a viernes, de 9:00 a 18:00. — Sol' });
    await w.write('c1', '¿Cuál es su horario?');
    expect(await said('c1', 1)).toEqual(['Abrimos de lunes a viernes, de 9:00 a 18:00. — Sol']);

    const first = llm.requests[before]!;
    expect(first.authorization).toBe('Bearer sk-live-abc');
    expect(first.body.model).toBe('gpt-4o-mini');
    const system = first.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(HOURS_ES);
    expect(system.content).toContain('Firma como Sol.');
    expect(system.content).toContain('[[HANDOVER]]');
    expect(first.body.messages.at(-1)).toEqual({ role: 'user', content: '¿Cuál es su horario?' });
    const run = (await eventually(async () => {
      const r = await runOf(w.scope, 'c1');
      return r?.wait?.kind === 'ai' && r.wait.pendingMessageId === null && r;
    }))!;
    expect(run.wait).toMatchObject({ kind: 'ai', turns: 1 });

    llm.answer({ content: '[[HANDOVER]]' });
    await w.write('c1', '¿Emiten factura electrónica?');
    expect((await said('c1', 2))[1]).toBe(HANDOVER_ES);
    const done = await eventually(async () => {
      const r = await runOf(w.scope, 'c1');
      return r?.status === 'completed' && r;
    });
    expect(await assigneeOf(w.scope, done.contactId)).toBe(w.owner.id);
    // The second call saw the conversation so far.
    expect(llm.requests[before + 1]!.body.messages.slice(1)).toEqual([
      { role: 'user', content: '¿Cuál es su horario?' },
      { role: 'assistant', content: 'Abrimos de lunes a viernes, de 9:00 a 18:00. — Sol' },
      { role: 'user', content: '¿Emiten factura electrónica?' },
    ]);
    const trace = await traceOf(w.scope, done.id);
    expect(trace.map((t) => t.outcome)).toEqual(['waiting', 'answered', 'handover']);
    expect(trace[1]!.detail).toMatchObject({ mode: 'llm' });
    expect((trace[1]!.detail.retrieved as { title: string }[])[0]!.title).toBe('¿Cuál es el horario de atención?');
    expect(trace[2]!.detail).toMatchObject({ reason: 'cannot_answer', mode: 'llm' });
  });

  it('takes up a message that arrives while the model is answering once its reply is out', async () => {
    const w = await world({ llm: true });
    const before = llm.requests.length;
    const release = llm.hold();
    try {
      llm.answer({ content: 'Abrimos a las 9.' }, { content: 'Sí, enviamos a todo México.' });
      await w.write('t1', '¿Cuál es su horario?');
      await eventually(async () => llm.requests.length === before + 1);
      const thinking = await eventually(async () => {
        const r = await runOf(w.scope, 't1');
        return r?.wait?.kind === 'ai' && r.wait.pendingMessageId !== null && r;
      });
      await w.write('t1', '¿Hacen envíos?');
      // The run takes the message in (and keeps waiting for the model) before the model answers.
      await eventually(async () => (await runOf(w.scope, 't1'))!.revision > thinking.revision);
    } finally {
      release();
    }
    expect(await said('t1', 2)).toEqual(['Abrimos a las 9.', 'Sí, enviamos a todo México.']);
    expect(llm.requests.length - before).toBe(2);
    expect(llm.requests[before + 1]!.body.messages.at(-1)).toEqual({ role: 'user', content: '¿Hacen envíos?' });
  });

  it('answers from the matrix when the model’s job never comes back in time, and ignores its late reply', async () => {
    const w = await world({ llm: true });
    const before = llm.requests.length;
    const release = llm.hold();
    let thinking: Awaited<ReturnType<typeof runOf>>;
    try {
      llm.answer({ content: 'Respuesta tardía del modelo.' });
      await w.write('d1', '¿A qué hora abren?');
      await eventually(async () => llm.requests.length === before + 1);
      thinking = await eventually(async () => {
        const r = await runOf(w.scope, 'd1');
        return r?.wait?.kind === 'ai' && r.wait.pendingMessageId !== null && r;
      });
      // The wait's deadline fires (as its timer job would).
      await advanceRun(rt.ctx, {
        workspaceId: w.ws.id,
        runId: thinking!.id,
        revision: thinking!.revision,
        resume: { kind: 'timeout' },
      });
      expect(await said('d1', 1)).toEqual([HOURS_ES]);
    } finally {
      release();
    }
    const fallback = (await traceOf(w.scope, thinking!.id)).at(-1)!;
    expect(fallback.detail).toMatchObject({ mode: 'retrieval_fallback', error: 'no reply from the chat API in time' });
    // The model's late answer resumes the run, which no longer waits for it: nothing more is sent.
    const settled = (await runOf(w.scope, 'd1'))!;
    await eventually(async () => (await runOf(w.scope, 'd1'))!.revision > settled.revision);
    const replies = await w.scope.find(
      messages,
      eq(messages.contactId, settled.contactId),
      eq(messages.direction, 'out'),
    );
    expect(replies.map((m) => m.body)).toEqual([HOURS_ES]);
    expect((await runOf(w.scope, 'd1'))!.wait).toMatchObject({ kind: 'ai', turns: 1, pendingMessageId: null });
  });

  it('retries a failing chat API, then answers from the matrix alone; a request for a person skips the model', async () => {
    const w = await world({ llm: true });
    const before = llm.requests.length;
    llm.answer({ status: 500 }, { content: 'Abrimos a las 9.' });
    await w.write('f1', '¿Cuál es su horario?');
    expect(await said('f1', 1)).toEqual(['Abrimos a las 9.']);
    expect(llm.requests.length - before).toBe(2);
    await eventually(async () => (await runOf(w.scope, 'f1'))?.wait?.kind === 'ai');
    await eventually(async () => {
      const r = await runOf(w.scope, 'f1');
      return r?.wait?.kind === 'ai' && r.wait.pendingMessageId === null;
    });

    llm.answer({ status: 429, retryAfter: 0, message: 'Rate limit reached' }, { status: 503 }, { status: 500 });
    await w.write('f1', '¿A qué hora abren?');
    expect((await said('f1', 2))[1]).toBe(HOURS_ES);
    expect(llm.requests.length - before).toBe(5);
    const run = (await runOf(w.scope, 'f1'))!;
    const fallback = (await traceOf(w.scope, run.id)).at(-1)!;
    expect(fallback.outcome).toBe('answered');
    expect(fallback.detail).toMatchObject({ mode: 'retrieval_fallback' });
    expect(fallback.detail.error).toContain('chat API answered 500');

    await eventually(async () => {
      const r = await runOf(w.scope, 'f1');
      return r?.wait?.kind === 'ai' && r.wait.pendingMessageId === null;
    });
    await w.write('f1', 'Mejor quiero hablar con un asesor');
    expect((await said('f1', 3))[2]).toBe(HANDOVER_ES);
    const done = await eventually(async () => {
      const r = await runOf(w.scope, 'f1');
      return r?.status === 'completed' && r;
    });
    expect(llm.requests.length - before).toBe(5);
    expect(await assigneeOf(w.scope, done.contactId)).toBe(w.owner.id);
    expect((await traceOf(w.scope, done.id)).at(-1)!.detail).toMatchObject({ reason: 'asked_for_human' });
  });

  it('without a chat API answers Q&A pairs verbatim in the contact’s language and hands over what it cannot match', async () => {
    const w = await world({ llm: false });
    const before = llm.requests.length;
    await w.write('r1', 'Hello');
    expect(await said('r1', 1)).toEqual(['Hi! How can I help you?']);
    await w.write('r1', 'What are your opening hours?');
    expect((await said('r1', 2))[1]).toBe(HOURS_EN);
    await w.write('r1', 'Thanks, bye!');
    expect((await said('r1', 3))[2]).toBe('You’re welcome! Write to us if you need anything else.');
    const finished = await eventually(async () => {
      const r = await runOf(w.scope, 'r1');
      return r?.status === 'completed' && r;
    });
    expect(await w.scope.count(contactTags, eq(contactTags.contactId, finished.contactId))).toBe(1);
    const trace = await traceOf(w.scope, finished.id);
    expect(trace.map((t) => `${t.outcome}:${t.detail.mode}`)).toEqual([
      'answered:retrieval',
      'waiting:undefined',
      'answered:retrieval',
      'answered:goodbye',
    ]);

    await w.write('r2', '¿Tienen estacionamiento para clientes?');
    expect(await said('r2', 1)).toEqual([HANDOVER_ES]);
    const handedOver = await eventually(async () => {
      const r = await runOf(w.scope, 'r2');
      return r?.status === 'completed' && r;
    });
    expect(await assigneeOf(w.scope, handedOver.contactId)).toBe(w.owner.id);
    expect((await traceOf(w.scope, handedOver.id))[0]!.detail).toMatchObject({ reason: 'no_match', mode: 'retrieval' });

    // Idle: the timeout ends the conversation through `next`.
    await w.write('r3', 'Hola');
    expect(await said('r3', 1)).toEqual(['¡Hola! ¿En qué puedo ayudarte?']);
    const waiting = await eventually(async () => {
      const r = await runOf(w.scope, 'r3');
      return r?.wait?.kind === 'ai' && r;
    });
    await advanceRun(rt.ctx, {
      workspaceId: w.ws.id,
      runId: waiting.id,
      revision: waiting.revision,
      resume: { kind: 'timeout' },
    });
    expect((await runOf(w.scope, 'r3'))!.status).toBe('completed');
    expect((await traceOf(w.scope, waiting.id)).at(-1)!.outcome).toBe('timeout');
    expect(llm.requests.length).toBe(before);
  });
});
