import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { postCustomMessage } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('possible duplicates: merge from the contact page, then undo', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    const created = await apiOk<{ channel: { webhookUrl: string }; secret: string }>(page, 'POST', '/w/demo/channels', {
      type: 'custom',
      name: 'Tienda web',
      config: {},
    });
    // The same person writes twice from two accounts of the integrator's app, giving the same phone.
    for (const [id, name] of [
      ['u1', 'Ana Pérez'],
      ['u2', 'Ana <b>P.</b>'],
    ]) {
      const status = await postCustomMessage(created.channel.webhookUrl, created.secret, {
        id: `m-${id}`,
        sender: { id, name, phone: id === 'u1' ? '+52 1 55 1234 5678' : '+52 55 1234 5678' },
        text: `Hola desde ${id}`,
      });
      expect(status).toBe(200);
    }
    const deadline = Date.now() + 15_000;
    while ((await apiOk<{ items: unknown[] }>(page, 'GET', '/w/demo/merge-suggestions')).items.length === 0) {
      if (Date.now() > deadline) throw new Error('no merge suggestion was raised');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the pair under “Posibles duplicados”, merges it through the dialog and undoes it', async () => {
    await page.getByRole('link', { name: 'Contactos', exact: true }).click();
    await page.getByRole('link', { name: /Posibles duplicados/ }).click();
    const row = page.getByRole('row', { name: /Mismo teléfono: \+525512345678/ });
    await row.waitFor();
    await row.getByRole('link', { name: 'Ana Pérez' }).click();

    const panel = page.getByRole('region', { name: 'Posibles duplicados' });
    // Customer text is shown as text: the tags in the name are characters, not markup.
    await panel.getByRole('link', { name: 'Ana <b>P.</b>' }).waitFor();
    await panel.getByRole('button', { name: 'Fusionar' }).click();

    const dialog = page.getByRole('dialog', { name: 'Fusionar contactos' });
    await dialog
      .getByRole('group', { name: 'Contacto que se conserva' })
      .getByLabel(/Ana Pérez/)
      .check();
    await dialog.getByRole('group', { name: 'Apellido' }).getByLabel('<b>P.</b>').check();
    await saveScreenshot(page, 'merge-dialog');
    await dialog.getByRole('button', { name: 'Fusionar' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('heading', { level: 1, name: 'Ana <b>P.</b>' }).waitFor();
    const history = page.getByRole('region', { name: 'Fusiones' });
    await history.getByText(/fusionó/).waitFor();
    expect(await page.getByText('Tienda web').count()).toBe(2);
    await page
      .getByRole('region', { name: 'Actividad' })
      .getByText('Ana <b>P.</b> se fusionó con este contacto')
      .waitFor();
    expect(await page.getByRole('region', { name: 'Posibles duplicados' }).count()).toBe(0);
    await saveScreenshot(page, 'contact-merged');

    await history.getByRole('button', { name: 'Separar' }).click();
    await history.getByText(/separados el/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Ana Pérez' }).waitFor();
    expect(await page.getByText('Tienda web').count()).toBe(1);
    await page.getByRole('region', { name: 'Actividad' }).getByText('Se deshizo una fusión').waitFor();
    // Undoing means "different people": no suggestion comes back.
    expect(await page.getByRole('region', { name: 'Posibles duplicados' }).count()).toBe(0);
    await saveScreenshot(page, 'contact-split');
  });
});
