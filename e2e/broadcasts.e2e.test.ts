import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { type CustomChannelWorld, eventually, startCustomChannelWorld } from './support/customChannelWorld';

const CONTACTS = [
  { id: 'ana', name: 'Ana Ruiz' },
  { id: 'beto', name: 'Beto Gómez' },
  { id: 'carla', name: 'Carla Díaz' },
];

/**
 * Transmisiones in the browser: the owner writes a broadcast to all contacts of the shop's channel with a
 * variable, sends it, and the detail page's report counts the sends and, live, a contact's reply.
 */
describe('broadcasts: create, send and read the report', () => {
  let world: CustomChannelWorld;
  let page: Page;
  const figure = (name: string) => page.getByTestId(`figure-${name}`).textContent();

  beforeAll(async () => {
    world = await startCustomChannelWorld('Tienda');
    page = world.page;
    for (const c of CONTACTS) expect(await world.write(c, `Hola, soy ${c.name}`)).toBe(200);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('creates and sends a broadcast; the report shows the sends and the reply', async () => {
    await page.getByRole('link', { name: 'Transmisiones', exact: true }).click();
    await page.getByText('Aún no hay transmisiones').waitFor();
    await page.getByRole('link', { name: '+ Nueva transmisión' }).click();
    const form = page.getByRole('form', { name: 'Nueva transmisión' });
    await form.getByLabel('Nombre', { exact: true }).fill('Ofertas de invierno');
    // The channels load after the form shows (slowly on a busy machine): wait for the option first.
    const channelSelect = form.getByLabel('Canal', { exact: true });
    await expect
      .poll(() => channelSelect.locator('option', { hasText: 'Tienda' }).count(), { timeout: 30_000 })
      .toBe(1);
    await channelSelect.selectOption({ label: 'Tienda' });
    await form.getByLabel('Audiencia', { exact: true }).selectOption({ label: 'Todos los contactos' });
    await form.getByLabel('Mensaje', { exact: true }).fill('Hola $contact.firstname, ¡2×1 en abrigos!');
    await saveScreenshot(page, 'broadcast-form');
    await form.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.waitForURL(/\/w\/demo\/broadcasts\/\d+$/);

    await expect.poll(() => figure('sent'), { timeout: 30_000 }).toBe('3');
    expect(await figure('recipients')).toBe('3');
    expect(await figure('failed')).toBe('0');
    await page.getByText('Completada').waitFor();
    await eventually(
      () => world.sentTo('ana').includes('Hola Ana, ¡2×1 en abrigos!'),
      () => `the broadcast to Ana; she got ${JSON.stringify(world.sentTo('ana'))}`,
    );

    expect(await world.write(CONTACTS[1]!, '¿Tienen talla M?')).toBe(200);
    await expect.poll(() => figure('replied'), { timeout: 30_000 }).toBe('1');
    await saveScreenshot(page, 'broadcast-report');

    await page.getByRole('link', { name: 'Transmisiones', exact: true }).first().click();
    const row = page.getByRole('row').filter({ hasText: 'Ofertas de invierno' });
    await row.getByText('Completada').waitFor();
    expect(await row.getByText('3 de 3').count()).toBe(1);
  });
});
