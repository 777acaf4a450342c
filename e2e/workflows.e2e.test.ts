import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { saveScreenshot } from './support/browser';
import { type CustomChannelWorld, eventually, startCustomChannelWorld } from './support/customChannelWorld';

const EDITED_QUESTION = '¿Nos compartes tu correo electrónico, por favor?';

/** A locator's box once it has stayed put for 300 ms (after animations and view fitting). */
async function stableBox(locator: Locator) {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = await locator.boundingBox();
    const now = JSON.stringify(box);
    if (box && now === last) return box;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('element never settled on screen');
}

/**
 * The help page's case through the builder (issue #6): the owner adds "Mensaje de bienvenida y Solicitar
 * correo electrónico" in Flujos, edits the question, publishes; a new contact is greeted, asked the edited
 * question, re-asked after an invalid email and their valid one lands in the email field; the run
 * inspector shows the completed run and its trace.
 */
describe('workflows: builder, run and inspector', () => {
  let world: CustomChannelWorld;
  let page: Page;
  const sentTo = (id: string) => world.sentTo(id);
  const write = (text: string) => world.write({ id: 'lucia', name: 'Lucía Gómez' }, text);

  beforeAll(async () => {
    world = await startCustomChannelWorld('Tienda web');
    page = world.page;
  });

  afterAll(async () => {
    await world?.close();
  });

  it('adds the template in Flujos, edits the email question and publishes it', async () => {
    await page.getByRole('link', { name: 'Flujos', exact: true }).click();
    await page.getByRole('button', { name: '+ Agregar flujo' }).click();
    const gallery = page.getByRole('dialog', { name: 'Agregar flujo' });
    await gallery.getByRole('radio', { name: /Mensaje de bienvenida y Solicitar correo electrónico/ }).check();
    await gallery.getByRole('button', { name: 'Usar plantilla' }).click();
    await page.waitForURL(/\/w\/demo\/workflows\/\d+$/);

    await page.locator('.react-flow__node').filter({ hasText: 'Solicitar correo electrónico' }).click();
    const panel = page.getByRole('region', { name: 'Hacer una pregunta' });
    expect(await panel.getByLabel('Tipo de pregunta').inputValue()).toBe('email');
    await panel.getByLabel('Pregunta', { exact: true }).fill(EDITED_QUESTION);
    await saveScreenshot(page, 'workflow-builder');
    await page.getByRole('button', { name: 'Guardar y publicar' }).click();
    await page.getByText('Publicado: versión 1.').waitFor();
    await page.getByRole('heading', { name: /Publicado/ }).waitFor();
  });

  it('greets a new contact, asks the edited question, re-asks an invalid email and saves the valid one', async () => {
    expect(await write('Hola, quiero información')).toBe(200);
    await eventually(
      () => sentTo('lucia').length >= 2,
      () => `the greeting and the question; got ${JSON.stringify(sentTo('lucia'))}`,
    );
    expect(sentTo('lucia')[0]).toContain('Gracias por escribirnos');
    expect(sentTo('lucia')[1]).toBe(EDITED_QUESTION);

    expect(await write('no tengo correo')).toBe(200);
    await eventually(
      () => sentTo('lucia').length >= 3,
      () => `the invalid-answer message; got ${JSON.stringify(sentTo('lucia'))}`,
    );
    expect(sentTo('lucia')[2]).toContain('Ese correo no parece válido');

    expect(await write('Lucia.Gomez@Example.com')).toBe(200);
    await eventually(
      () => sentTo('lucia').length >= 4,
      () => `the thanks; got ${JSON.stringify(sentTo('lucia'))}`,
    );
    expect(sentTo('lucia')[3]).toContain('Un agente te atenderá');
  }, 150_000);

  it('shows the completed run and its trace in Ejecuciones, and the saved email on the contact', async () => {
    await page.getByRole('link', { name: 'Ejecuciones' }).click();
    const row = page.getByRole('row', { name: /Lucía Gómez/ });
    await row.getByText('Completada').waitFor();
    await row.getByRole('button', { name: 'Ver el detalle' }).click();

    const drawer = page.getByRole('dialog', { name: /Ejecución #\d+/ });
    const trace = drawer.getByRole('list', { name: 'Paso a paso' });
    await trace.getByText(/Respuesta no válida/).waitFor();
    await trace.getByText(/Respondida/).waitFor();
    await trace.getByText(/lucia\.gomez@example\.com/i).waitFor();
    const steps = await trace.getByRole('listitem').allTextContents();
    expect(steps.some((s) => s.includes('¿Ya tenemos el dato?') && s.includes('No existe'))).toBe(true);
    await saveScreenshot(page, 'workflow-run-trace');

    await drawer.getByRole('link', { name: 'Lucía Gómez' }).click();
    await page.waitForURL(/\/w\/demo\/contacts\/\d+$/);
    await page.getByText('lucia.gomez@example.com').first().waitFor();
    const runs = page.getByRole('region', { name: 'Flujos' });
    await runs.getByText('Completada').waitFor();
    // The contact's Actividad tells the run step by step, next to what it changed.
    const activity = page.getByRole('region', { name: 'Actividad' });
    await activity.getByText(/Flujo «.+»: Hacer una pregunta — Respuesta no válida/).waitFor();
    await activity.getByText(/Flujo «.+»: Hacer una pregunta — Respondida/).waitFor();
    await activity.getByText(/Se agregó lucia\.gomez@example\.com/i).waitFor();
  });

  it('builds from scratch: palette, inline errors, connect by dragging, delete a connection, save', async () => {
    await page.getByRole('link', { name: 'Flujos', exact: true }).click();
    await page.getByRole('button', { name: '+ Agregar flujo' }).click();
    const gallery = page.getByRole('dialog', { name: 'Agregar flujo' });
    await gallery.getByRole('radio', { name: /Empezar desde cero/ }).check();
    await gallery.getByRole('button', { name: 'Usar plantilla' }).click();
    await page.waitForURL(/\/w\/demo\/workflows\/\d+$/);

    const palette = page.getByRole('region', { name: 'Agregar paso' });
    await palette.getByRole('button', { name: 'Enviar mensaje' }).click();
    const panel = page.getByRole('region', { name: 'Enviar mensaje' });
    await panel.getByText('Obligatorio.').waitFor();
    await panel.getByLabel('Texto', { exact: true }).fill('Hola');
    expect(await panel.getByText('Obligatorio.').count()).toBe(0);
    await palette.getByRole('button', { name: 'Esperar' }).click();
    const problems = page.getByRole('region', { name: /Problemas/ });
    await problems.getByText('Este paso nunca se ejecuta: nada lleva a él.').waitFor();

    const edges = page.locator('.react-flow__edge');
    await expect.poll(() => edges.count()).toBe(1);
    await saveScreenshot(page, 'workflow-scratch');
    // The canvas fits the view after a step is added: measure the handles once they stop moving.
    const from = await stableBox(page.locator('[data-id="send_message_1"] .react-flow__handle.source'));
    const to = await stableBox(page.locator('[data-id="wait_1"] .react-flow__handle.target'));
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => edges.count()).toBe(2);
    await problems.getByText('Sin problemas: listo para publicar.').waitFor();

    await page.getByTestId('rf__edge-send_message_1:next').click({ force: true });
    await page.keyboard.press('Delete');
    await expect.poll(() => edges.count()).toBe(1);
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Guardado.').waitFor();
    await page.reload();
    await page.locator('[data-id="wait_1"]').waitFor();
    expect(await edges.count()).toBe(1);
  });

  it('runs a shortcut workflow from the conversation with “Ejecutar flujo”, once per contact', async () => {
    const draft = {
      name: 'Marcar VIP',
      trigger: { type: 'shortcut' },
      settings: { oncePerContact: true, maxJumps: 50 },
      graph: { start: 'vip', steps: [{ id: 'vip', type: 'update_tag', action: 'add', tags: ['vip'] }], layout: {} },
    };
    const shortcut = await apiOk<{ id: number }>(page, 'POST', '/w/demo/workflows', { draft });
    await apiOk(page, 'POST', `/w/demo/workflows/${shortcut.id}/publish`);
    const flows = await apiOk<{ items: { id: number; name: string }[] }>(page, 'GET', '/w/demo/workflows');
    const welcome = flows.items.find((w) => w.name.startsWith('Mensaje de bienvenida'))!;
    const runs = await apiOk<{ items: { conversationId: number }[] }>(
      page,
      'GET',
      `/w/demo/workflows/${welcome.id}/runs`,
    );

    await page.goto(`/w/demo/messages/${runs.items[0]!.conversationId}`);
    const run = page.getByLabel('Ejecutar flujo');
    await run.selectOption({ label: 'Marcar VIP' });
    await page.getByText('Flujo «Marcar VIP» iniciado.').waitFor();
    await run.selectOption({ label: 'Marcar VIP' });
    await page.getByText(/No se inició «Marcar VIP»/).waitFor();
    await saveScreenshot(page, 'workflow-shortcut');
    await page.getByRole('link', { name: 'Flujos', exact: true }).click();
    await page.getByRole('link', { name: 'Marcar VIP' }).waitFor();
    await saveScreenshot(page, 'workflows-list');
  });

  it('pauses and resumes a published workflow, and deletes a draft after confirming', async () => {
    await page.getByRole('link', { name: 'Marcar VIP' }).click();
    await page.getByRole('button', { name: 'Pausar' }).click();
    await page.getByRole('heading', { name: /Pausado/ }).waitFor();
    await page.getByRole('button', { name: 'Reanudar' }).click();
    await page.getByRole('heading', { name: /Publicado/ }).waitFor();

    await page.getByRole('link', { name: '← Flujos' }).click();
    await page.getByRole('link', { name: 'Nuevo flujo' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Eliminar flujo' }).click();
    await page.waitForURL(/\/w\/demo\/workflows$/);
    await page.getByRole('link', { name: 'Marcar VIP' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Nuevo flujo' }).count()).toBe(0);
  });
});
