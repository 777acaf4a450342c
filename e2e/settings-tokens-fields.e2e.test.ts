import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { postCustomMessage } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('settings: API tokens and contact fields; contacts list bulk tag', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    const created = await apiOk<{ channel: { webhookUrl: string }; secret: string }>(page, 'POST', '/w/demo/channels', {
      type: 'custom',
      name: 'Tienda',
      config: {},
    });
    for (const [id, name] of [
      ['t1', 'Ana <i>Pérez</i>'],
      ['t2', 'Bruno Díaz'],
    ]) {
      const status = await postCustomMessage(created.channel.webhookUrl, created.secret, {
        id: `m-${id}`,
        sender: { id, name },
        text: 'Hola',
      });
      expect(status).toBe(200);
    }
    await apiOk(page, 'POST', '/w/demo/tags', { name: 'VIP' });
    const deadline = Date.now() + 15_000;
    while ((await apiOk<{ items: unknown[] }>(page, 'GET', '/w/demo/contacts')).items.length < 2) {
      if (Date.now() > deadline) throw new Error('the contacts were not created');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an API token that is shown once and revokes it', async () => {
    await page.goto('/w/demo/settings/api-tokens');
    await page.getByRole('heading', { name: 'Tokens de API' }).waitFor();
    await page.getByLabel('Nombre del token').fill('Zapier');
    await page.getByRole('button', { name: 'Crear token' }).click();
    const shown = page.getByTestId('api-token-value');
    await shown.waitFor();
    const token = (await shown.textContent()) ?? '';
    expect(token).toMatch(/^chr_[A-Za-z0-9_-]{20,}$/);
    await page
      .getByRole('row', { name: /Zapier/ })
      .getByText('Nunca')
      .waitFor();
    // Never again: not in the list the API answers, not after dismissing, not after a reload.
    const listed = await apiOk<{ items: { name: string }[] }>(page, 'GET', '/w/demo/api-tokens');
    expect(JSON.stringify(listed)).not.toContain(token);
    await page.getByRole('button', { name: 'Ya lo copié' }).click();
    await shown.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('row', { name: /Zapier/ }).waitFor();
    expect(await page.content()).not.toContain(token);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revocar Zapier' }).click();
    await page.getByText('Todavía no hay tokens de API.').waitFor();
  });

  it('creates a list field in Settings, renames it, and edits its value on a contact page', async () => {
    await page.goto('/w/demo/settings/contact-fields');
    await page.getByLabel('Nuevo campo').fill('Plan');
    await page.getByLabel('Tipo').selectOption({ label: 'Lista' });
    await page.getByLabel('Valores permitidos').fill('básico, pro');
    await page.getByRole('button', { name: 'Agregar' }).click();
    const label = page.getByLabel('Nombre del campo Plan');
    await label.waitFor();
    await label.fill('Plan contratado');
    await label.blur();
    await page.getByLabel('Nombre del campo Plan contratado').waitFor();

    await page.getByRole('link', { name: 'Contactos', exact: true }).click();
    await page.getByRole('link', { name: 'Bruno Díaz' }).click();
    await page.getByRole('button', { name: 'Editar Plan contratado' }).click();
    await page.getByLabel('Plan contratado').selectOption('pro');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('button', { name: 'Editar Plan contratado' }).waitFor();
    const contacts = await apiOk<{ items: { name: string; customFields: Record<string, unknown> }[] }>(
      page,
      'GET',
      '/w/demo/contacts',
    );
    expect(Object.values(contacts.items.find((c) => c.name === 'Bruno Díaz')!.customFields)).toEqual(['pro']);
  });

  it('tags the selected contacts from the list and shows the chosen columns', async () => {
    await page.getByRole('link', { name: 'Contactos', exact: true }).click();
    // Customer text as text: the markup in the name is characters.
    await page.getByLabel('Seleccionar a Ana <i>Pérez</i>').check();
    await page.getByLabel('Seleccionar a Bruno Díaz').check();
    const bar = page.getByRole('toolbar', { name: 'Acciones sobre los contactos seleccionados' });
    await bar.getByText('2 seleccionados').waitFor();
    await bar.getByLabel('Etiqueta a agregar').selectOption({ label: 'VIP' });
    await bar.getByRole('button', { name: 'Agregar etiqueta' }).click();
    await bar.waitFor({ state: 'detached' });

    await page.locator('summary', { hasText: 'Columnas' }).click();
    await page.getByLabel('Etiquetas', { exact: true }).check();
    await page.getByLabel('Plan contratado', { exact: true }).check();
    await page.getByRole('columnheader', { name: 'Etiquetas' }).waitFor();
    await page.getByRole('row', { name: /Ana <i>Pérez<\/i>.*VIP/ }).waitFor();
    await page.getByRole('row', { name: /Bruno Díaz.*VIP.*pro/ }).waitFor();
    // The choice is the user's, kept in this browser.
    await page.reload();
    await page.getByRole('columnheader', { name: 'Plan contratado' }).waitFor();
  });
});
