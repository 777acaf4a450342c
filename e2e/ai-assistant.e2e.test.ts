import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { saveScreenshot } from './support/browser';
import { type CustomChannelWorld, eventually, startCustomChannelWorld } from './support/customChannelWorld';

const ANSWER = 'Atendemos de lunes a viernes de 9:00 a 18:00.';
const HANDOVER = 'Un momento, te paso con Sofía del equipo.';
const MARTA = { id: 'marta', name: 'Marta Ruiz' };

/**
 * SPEC §6 in the browser: the owner writes a Q&A pair in Configuración → Matriz de conocimientos and tries
 * the search, sets up the "Asistente de IA" step in the builder (handover message, handover wired to an
 * Assign step) and publishes; a custom-channel contact gets the matrix's answer (retrieval-only: no chat
 * API is configured), asks for a person and is handed over and assigned; the run's trace tells it.
 */
describe('AI assistant: knowledge matrix, builder step and a contact answered', () => {
  let world: CustomChannelWorld;
  let page: Page;
  const sentTo = (id: string) => world.sentTo(id);
  const write = (text: string) => world.write(MARTA, text);

  beforeAll(async () => {
    world = await startCustomChannelWorld('Tienda web');
    page = world.page;
  });

  afterAll(async () => {
    await world?.close();
  });

  it('adds a Q&A pair in the knowledge matrix and finds it with the search box', async () => {
    await page.goto('/w/demo/settings/knowledge');
    await page.getByRole('heading', { name: 'Matriz de conocimientos' }).waitFor();
    await page.getByText('La matriz está vacía.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Agregar pregunta' }).click();
    const form = page.getByRole('form', { name: 'Agregar pregunta' });
    await form.getByLabel('Pregunta', { exact: true }).fill('¿Cuál es el horario de atención?');
    await form.getByLabel('Otras formas de preguntarlo (una por línea)').fill('¿A qué hora abren?');
    await form.getByLabel('Respuesta').fill(ANSWER);
    await form.getByLabel('Idioma').selectOption('es');
    await form.getByRole('button', { name: 'Guardar' }).click();
    const list = page.getByRole('list', { name: 'Entradas de la matriz' });
    await list.getByText('¿Cuál es el horario de atención?').waitFor();
    await list.getByText(ANSWER).waitFor();

    await page.getByRole('searchbox', { name: 'Probar la búsqueda' }).fill('HORARIOS de atencion');
    const hits = page.getByTestId('knowledge-hits');
    await hits.getByText('Coincidencia 100 %').waitFor();
    await saveScreenshot(page, 'knowledge-matrix');
    await page.getByRole('searchbox', { name: 'Probar la búsqueda' }).fill('estacionamiento');
    await page.getByText('Nada coincide', { exact: false }).waitFor();
  });

  it('sets up the AI assistant step in the builder and publishes it', async () => {
    const draft = {
      name: 'Asistente',
      trigger: { type: 'conversation_opened', sources: ['contact'] },
      graph: {
        start: 'bot',
        steps: [
          { id: 'bot', type: 'ai_assistant', maxTurns: 10, idleMinutes: 30, next: null, onHandover: null },
          { id: 'human', type: 'assign', target: 'workspace', onlyOnline: false, next: null },
        ],
        layout: { bot: { x: 0, y: 150 }, human: { x: 0, y: 400 } },
      },
    };
    const wf = await apiOk<{ id: number }>(page, 'POST', '/w/demo/workflows', { draft });
    await page.goto(`/w/demo/workflows/${wf.id}`);
    await page.locator('.react-flow__node').filter({ hasText: 'Asistente de IA' }).click();
    const panel = page.getByRole('region', { name: 'Asistente de IA' });
    await panel.getByLabel('Mensaje al pasar a una persona', { exact: false }).fill(HANDOVER);
    await panel.getByLabel('Respuestas antes de terminar').fill('5');
    await panel.getByLabel('Pasar a una persona', { exact: true }).selectOption('human');
    await page
      .getByRole('region', { name: /Problemas/ })
      .getByText('Sin problemas: listo para publicar.')
      .waitFor();
    await saveScreenshot(page, 'workflow-ai-step');
    await page.getByRole('button', { name: 'Guardar y publicar' }).click();
    await page.getByText('Publicado: versión 1.').waitFor();
  });

  it('answers a contact from the matrix, then hands over and assigns when they ask for a person', async () => {
    expect(await write('Hola, ¿cuál es su horario?')).toBe(200);
    await eventually(
      () => sentTo('marta').length >= 1,
      () => `the answer; got ${JSON.stringify(sentTo('marta'))}`,
    );
    expect(sentTo('marta')[0]).toBe(ANSWER);

    expect(await write('Gracias. Quiero hablar con una persona')).toBe(200);
    await eventually(
      () => sentTo('marta').length >= 2,
      () => `the handover; got ${JSON.stringify(sentTo('marta'))}`,
    );
    expect(sentTo('marta')[1]).toBe(HANDOVER);

    await page.getByRole('link', { name: 'Ejecuciones' }).click();
    const row = page.getByRole('row', { name: /Marta Ruiz/ });
    await row.getByText('Completada').waitFor();
    await row.getByRole('button', { name: 'Ver el detalle' }).click();
    const trace = page.getByRole('dialog', { name: /Ejecución #\d+/ }).getByRole('list', { name: 'Paso a paso' });
    await trace.getByText(/respuesta de la matriz/).waitFor();
    await trace.getByText(/Pasó a una persona · el contacto pidió una persona/).waitFor();
    await saveScreenshot(page, 'workflow-ai-trace');
    // The Assign step gave the conversation to the only member: it is in the owner's "Mías".
    const mine = await apiOk<{ items: unknown[] }>(page, 'GET', '/w/demo/conversations?view=mine');
    expect(mine.items).toHaveLength(1);
  }, 150_000);
});
