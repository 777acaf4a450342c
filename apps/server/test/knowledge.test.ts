import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeChunks, workspaces } from '../src/db/schema';
import { startFakeOpenAi, type FakeOpenAi } from './support/fake-openai';
import { factories } from './support/factories';
import { loginSession } from './support/http';
import { startTestRuntime, type TestRuntime } from './support/runtime';

/**
 * The knowledge matrix through its routes: owners and managers write, agents read and search, other
 * workspaces see nothing; retrieval matches Spanish and English across accents and inflections; the AI
 * settings keep the chat API key sealed and test the connection against an OpenAI-compatible server.
 */
describe('knowledge matrix', () => {
  let rt: TestRuntime;
  let llm: FakeOpenAi;

  beforeAll(async () => {
    rt = await startTestRuntime({ allowPrivateHosts: ['127.0.0.1'] });
    llm = await startFakeOpenAi({ apiKey: 'sk-test-secret-123' });
  });
  afterAll(async () => {
    await llm?.close();
    await rt?.close();
  });

  it('lets owners and managers write entries, agents read and search them, and no other workspace see them', async () => {
    const f = factories(rt.ctx);
    const { ws, owner, scope } = await f.workspace();
    const manager = await f.member(ws.id, 'manager');
    const agent = await f.member(ws.id, 'agent');
    const [o, m, a] = await Promise.all([owner, manager, agent].map((u) => loginSession(rt.url, u.email)));
    const base = `/api/w/${ws.slug}/knowledge`;

    const qa = await o!.json('POST', base, {
      kind: 'qa',
      question: '¿Cuál es el horario de atención?',
      alternatives: ['¿A qué hora abren?'],
      answer: 'Atendemos de lunes a viernes de 9:00 a 18:00.',
      language: 'es',
    });
    expect(qa).toMatchObject({ status: 201, body: { kind: 'qa', chunks: 1, alternatives: ['¿A qué hora abren?'] } });
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Sección ${i + 1}. ${'Texto de la política. '.repeat(30)}`);
    const doc = await m!.json('POST', base, {
      kind: 'document',
      title: 'Política de devoluciones',
      text: `# Devoluciones\n\n${paragraphs.join('\n\n')}\n\nAceptamos devoluciones dentro de los 30 días posteriores a la compra.`,
    });
    expect(doc.status).toBe(201);
    expect(doc.body.chunks).toBeGreaterThan(2);
    expect((await a!.json('POST', base, { kind: 'qa', question: 'x', answer: 'y' })).status).toBe(403);
    expect((await a!.json('DELETE', `${base}/${qa.body.id}`)).status).toBe(403);

    const list = await a!.json('GET', base);
    expect(list.body.items.map((e: { title: string }) => e.title).sort()).toEqual([
      'Política de devoluciones',
      '¿Cuál es el horario de atención?',
    ]);
    const listed = list.body.items.find((e: { kind: string }) => e.kind === 'document');
    expect(listed.text.length).toBe(300);
    expect((await a!.json('GET', `${base}/${doc.body.id}`)).body.text).toContain('30 días');

    const edited = await m!.json('PUT', `${base}/${qa.body.id}`, {
      kind: 'qa',
      question: '¿Cuál es el horario de atención?',
      answer: 'Atendemos de lunes a sábado de 9:00 a 14:00.',
      language: 'es',
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { alternatives: [], text: 'Atendemos de lunes a sábado de 9:00 a 14:00.' },
    });
    const turned = await m!.json('PUT', `${base}/${qa.body.id}`, { kind: 'document', title: 't', text: 'x' });
    expect(turned).toMatchObject({ status: 400, body: { code: 'kind_mismatch' } });
    const search = await a!.json('GET', `${base}/search?q=${encodeURIComponent('horario sabado')}`);
    expect(search.body.hits[0]).toMatchObject({
      entryId: qa.body.id,
      text: 'Atendemos de lunes a sábado de 9:00 a 14:00.',
    });
    expect(await scope.count(knowledgeChunks, eq(knowledgeChunks.entryId, qa.body.id))).toBe(1);

    const other = await f.workspace();
    const stranger = await loginSession(rt.url, other.owner.email);
    expect((await stranger.json('GET', `/api/w/${other.ws.slug}/knowledge/${qa.body.id}`)).status).toBe(404);
    expect((await stranger.json('DELETE', `/api/w/${other.ws.slug}/knowledge/${qa.body.id}`)).status).toBe(404);
    const theirs = await stranger.json('GET', `/api/w/${other.ws.slug}/knowledge/search?q=horario`);
    expect(theirs.body.hits).toEqual([]);

    expect((await o!.json('DELETE', `${base}/${doc.body.id}`)).status).toBe(204);
    expect(await scope.count(knowledgeChunks, eq(knowledgeChunks.entryId, doc.body.id))).toBe(0);
    expect((await a!.json('GET', `${base}/${doc.body.id}`)).status).toBe(404);
  });

  it('retrieves Spanish and English entries whatever the accents, case and inflection, best first', async () => {
    const f = factories(rt.ctx);
    const { ws, owner } = await f.workspace();
    const s = await loginSession(rt.url, owner.email);
    const base = `/api/w/${ws.slug}/knowledge`;
    const add = async (body: Record<string, unknown>) => (await s.json('POST', base, body)).body.id as number;
    const hours = await add({ kind: 'qa', question: '¿Cuál es el horario de atención?', answer: 'De 9 a 18 h.' });
    const shipping = await add({
      kind: 'qa',
      question: '¿Hacen envíos a todo el país?',
      alternatives: ['¿Envían a domicilio?'],
      answer: 'Sí, enviamos a todo México.',
      language: 'es',
    });
    const ship = await add({
      kind: 'qa',
      question: 'Do you ship internationally?',
      answer: 'We ship to the US and Canada.',
      language: 'en',
    });
    const returns = await add({
      kind: 'document',
      title: 'Devoluciones',
      text: 'Aceptamos la devolución de productos sin usar dentro de los 30 días.',
    });
    const search = async (q: string) =>
      (await s.json('GET', `${base}/search?q=${encodeURIComponent(q)}`)).body.hits as {
        entryId: number;
        score: number;
      }[];

    expect((await search('HORARIOS de atencion'))[0]).toMatchObject({ entryId: hours, score: 1 });
    expect((await search('envio'))[0]).toMatchObject({ entryId: shipping, score: 1 });
    expect((await search('¿ENVÍAN a domicilio?'))[0]).toMatchObject({ entryId: shipping, score: 1 });
    expect((await search('what about shipping to Spain?'))[0]?.entryId).toBe(ship);
    const devolucion = await search('¿Puedo hacer una devolución?');
    expect(devolucion[0]).toMatchObject({ entryId: returns, score: 0.5 });
    expect(await search('estacionamiento gratuito')).toEqual([]);
    expect(await search('¿?')).toEqual([]);
  });

  it('stores the chat API key sealed, never shows it, and tests the connection', async () => {
    const f = factories(rt.ctx);
    const { ws, owner } = await f.workspace();
    const agent = await f.member(ws.id, 'agent');
    const s = await loginSession(rt.url, owner.email);
    const url = `/api/w/${ws.slug}/ai/settings`;
    expect((await s.json('GET', url)).body).toEqual({
      mode: 'retrieval',
      baseUrl: null,
      model: '',
      instructions: '',
      hasApiKey: false,
    });
    const input = { baseUrl: `${llm.baseUrl}/`, model: 'gpt-4o-mini', instructions: 'Trata de usted.' };
    expect((await s.json('PUT', url, { ...input, model: '' })).body.code).toBe('model_required');
    const wrong = await s.json('POST', `/api/w/${ws.slug}/ai/test`, { ...input, apiKey: 'sk-wrong' });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'chat_api_failed' } });
    expect(wrong.body.message).toContain('Incorrect API key provided.');
    const saved = await s.json('PUT', url, { ...input, apiKey: 'sk-test-secret-123' });
    expect(saved.body).toEqual({
      mode: 'llm',
      baseUrl: llm.baseUrl,
      model: 'gpt-4o-mini',
      instructions: 'Trata de usted.',
      hasApiKey: true,
    });
    const [row] = await rt.ctx.db.select().from(workspaces).where(eq(workspaces.id, ws.id));
    expect(JSON.stringify(row!.settings)).not.toContain('sk-test-secret-123');
    expect(JSON.stringify((await s.json('GET', url)).body)).not.toContain('sk-test');

    // The test uses the stored key when the form leaves it out.
    const ok = await s.json('POST', `/api/w/${ws.slug}/ai/test`, input);
    expect(ok).toMatchObject({ status: 200, body: { ok: true, reply: 'OK' } });
    expect(llm.requests.at(-1)).toMatchObject({
      authorization: 'Bearer sk-test-secret-123',
      body: { model: 'gpt-4o-mini' },
    });
    // Keeping the key on a save without one; null removes it; no base URL is retrieval-only.
    expect((await s.json('PUT', url, input)).body.hasApiKey).toBe(true);
    expect((await s.json('PUT', url, { ...input, apiKey: null })).body.hasApiKey).toBe(false);
    expect((await s.json('PUT', url, { baseUrl: null })).body.mode).toBe('retrieval');

    const agentSession = await loginSession(rt.url, agent.email);
    expect((await agentSession.json('GET', url)).status).toBe(403);
    expect((await agentSession.json('PUT', url, input)).status).toBe(403);
  });
});
