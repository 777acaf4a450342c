import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { repoRoot } from './support/paths';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('contacts import wizard', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a semicolon CSV, keeps the auto-mapping, runs it and lists the contacts', async () => {
    await page.getByRole('link', { name: 'Contactos', exact: true }).click();
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    const csv =
      '\uFEFFNombre;Apellido;Correo;Teléfono\nMarta;Importada;marta@example.com;+52 55 2222 3333\nBruno;Importado;no es correo;\n';
    await page
      .getByLabel('Archivo CSV')
      .setInputFiles({ name: 'contactos.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Campo para Correo').inputValue()).toBe('email');
    await dialog.getByRole('button', { name: 'Siguiente' }).click();
    await expect.poll(() => dialog.textContent()).toContain('2 filas');
    await dialog.getByRole('button', { name: 'Iniciar importación' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Listo: 1 creados, 0 actualizados, 0 omitidos, 1 rechazados.');
    expect(await dialog.getByRole('link', { name: 'Descargar filas rechazadas' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Marta Importada' }).count()).toBe(1);
    expect(await page.getByText('marta@example.com').count()).toBe(1);
    expect(await page.getByText('Bruno').count()).toBe(0);
  });

  it('takes the progress from the realtime socket: the status endpoint is unreachable throughout', async () => {
    // Every read of the run's status (`GET …/contact-imports/<id>`, the wizard's fallback poll) is aborted,
    // so the only way the dialog can learn that the run finished is the `contact-import.progress` event.
    let blocked = 0;
    const statusRead = /\/api\/w\/[^/]+\/contact-imports\/\d+(\?.*)?$/;
    await page.route(statusRead, (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      blocked++;
      return route.abort('connectionrefused');
    });
    try {
      await page.getByRole('button', { name: 'Importar', exact: true }).click();
      const rows = Array.from({ length: 30 }, (_, i) => `Socket${i};Tiempo Real;socket${i}@example.com`);
      await page.getByLabel('Archivo CSV').setInputFiles({
        name: 'socket.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`Nombre,Apellido,Correo\n${rows.join('\n')}\n`),
      });
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByLabel('Campo para Correo').inputValue()).toBe('email');
      await dialog.getByRole('button', { name: 'Siguiente' }).click();
      await dialog.getByRole('button', { name: 'Iniciar importación' }).click();
      await expect
        .poll(() => dialog.getByRole('status').textContent(), { timeout: 20_000 })
        .toBe('Listo: 30 creados, 0 actualizados, 0 omitidos, 0 rechazados.');
      expect(await dialog.getByText('30 de 30 filas procesadas').count()).toBe(1);
      expect(blocked).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: 'Cerrar' }).click();
    } finally {
      await page.unroute(statusRead);
    }
  });

  it('shows the encoding detected for an Excel file in Spanish and lets the user change it', async () => {
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    const bytes = await readFile(path.join(repoRoot, 'apps/server/test/fixtures/csv/excel-es-windows-1252.csv'));
    await page.getByLabel('Archivo CSV').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
    const dialog = page.getByRole('dialog');
    const encoding = dialog.getByLabel('Codificación', { exact: true });
    await expect.poll(() => encoding.inputValue()).toBe('windows-1252');
    await expect.poll(() => dialog.getByRole('table').textContent()).toContain('Muñoz');
    await encoding.selectOption('utf-8');
    await expect.poll(() => dialog.getByRole('table').textContent()).toContain('Mu\uFFFDoz');
    await encoding.selectOption('windows-1252');
    await expect.poll(() => dialog.getByRole('table').textContent()).toContain('Muñoz');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });
});
