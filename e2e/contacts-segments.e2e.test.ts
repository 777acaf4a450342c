import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

interface ImportRun {
  id: number;
  status: string;
  mapping: Record<string, string>;
}

/** Imports contacts through the API (setup; the wizard has its own test). */
async function seedContacts(page: Page, csv: string) {
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
  const upload = await page.request.post('/api/w/demo/contact-imports', {
    headers: { 'x-csrf-token': csrf.token },
    multipart: { file: { name: 'seed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  const draft = (await upload.json()) as ImportRun;
  await apiOk(page, 'POST', `/w/demo/contact-imports/${draft.id}/start`, { mapping: draft.mapping, purpose: 'upsert' });
  // A plain loop: expect.poll only runs inside a test, and this is the suite's setup.
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    const run = await apiOk<ImportRun>(page, 'GET', `/w/demo/contact-imports/${draft.id}`);
    if (run.status === 'done') return;
  }
  throw new Error('the seed import did not finish in 30 s');
}

describe('contact segments', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    await apiOk(page, 'POST', '/w/demo/custom-fields', { key: 'puntos', label: 'Puntos', type: 'number' });
    await seedContacts(
      page,
      'Nombre,Apellido,Correo,puntos\nAna,Vip,ana@vip.test,90\nBea,Vip,bea@vip.test,40\nCarlos,Otro,carlos@otro.test,95\nDora,Vip,dora@vip.test,70\n',
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const count = () => page.getByRole('status').filter({ hasText: 'contacto' }).textContent();
  const listed = async () => (await page.locator('table').getByRole('link').allTextContents()).sort();

  it('builds a filter, saves it as a segment, selects it with its count and exports it', async () => {
    await page.getByRole('link', { name: 'Contactos', exact: true }).click();
    await expect.poll(count).toBe('4 contactos');

    await page.getByRole('button', { name: 'Filtrar', exact: true }).click();
    const builder = page.getByRole('region', { name: 'Filtro de contactos' });
    await builder.getByRole('button', { name: '+ Condición' }).click();
    await builder.getByLabel('Campo', { exact: true }).nth(0).selectOption('field:email');
    await builder.getByLabel('Condición', { exact: true }).nth(0).selectOption('contains');
    await builder.getByLabel('Valor', { exact: true }).nth(0).fill('vip.test');
    await expect.poll(count).toBe('3 contactos');
    await builder.getByRole('button', { name: '+ Condición' }).click();
    await builder.getByLabel('Campo', { exact: true }).nth(1).selectOption({ label: 'Puntos' });
    await builder.getByLabel('Condición', { exact: true }).nth(1).selectOption('isGreaterThan');
    await builder.getByLabel('Valor', { exact: true }).nth(1).fill('50');
    await expect.poll(count).toBe('2 contactos');
    await expect.poll(listed).toEqual(['Ana Vip', 'Dora Vip']);
    await saveScreenshot(page, 'contacts-segment-builder');

    await builder.getByLabel('Nombre del segmento').fill('VIP activos');
    await builder.getByRole('button', { name: 'Guardar como segmento' }).click();
    await expect.poll(() => builder.count()).toBe(0);
    const view = page.getByLabel('Vista', { exact: true });
    await expect.poll(() => view.locator('option:checked').textContent()).toBe('VIP activos');

    await view.selectOption({ label: 'Todos' });
    await expect.poll(count).toBe('4 contactos');
    await view.selectOption({ label: 'VIP activos' });
    await expect.poll(count).toBe('2 contactos');
    await expect.poll(listed).toEqual(['Ana Vip', 'Dora Vip']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exportar', exact: true }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('ana@vip.test');
    expect(csv).toContain('dora@vip.test');
    expect(csv).not.toContain('bea@vip.test');
    expect(csv).not.toContain('carlos@otro.test');
  });

  it('a contact page refreshes when the contact changes elsewhere', async () => {
    await page.getByRole('link', { name: 'Ana Vip' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ana Vip');
    const id = Number(page.url().split('/').pop());
    // Changed through the API, not this page: only the realtime event can bring it here.
    await apiOk(page, 'PATCH', `/w/demo/contacts/${id}`, { lastName: 'Actualizada' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ana Actualizada');
  });
});
