import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { postWhatsAppText, startGraphStub } from './support/metaGraph';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const TOKEN = 'EAAG-e2e-whatsapp-token';
const APP_SECRET = 'e2e_app_secret';

describe('adding a WhatsApp channel in Settings', () => {
  let server: RunningServer;
  let browser: Browser;
  let graph: Awaited<ReturnType<typeof startGraphStub>>;
  let page: Page;

  beforeAll(async () => {
    [server, browser, graph] = await Promise.all([startServer(), launchBrowser(), startGraphStub(TOKEN)]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await server?.stop();
  });

  it('shows the callback URL and verify token that pass Meta’s checks, and receives a signed message', async () => {
    await page.getByRole('link', { name: 'Configuraciones', exact: true }).click();
    await page.getByRole('link', { name: 'Canales', exact: true }).click();
    await page.getByLabel('Canal que quieres agregar').selectOption('whatsapp');
    await page.getByLabel('Nombre del canal').fill('WhatsApp ventas');
    await page.getByLabel('Token de acceso').fill(TOKEN);
    await page.getByLabel('Identificador del número de teléfono').fill('106540352242922');
    await page.getByLabel('Identificador de la cuenta de WhatsApp Business').fill('102290129340398');
    await page.getByLabel('Clave secreta de la app').fill(APP_SECRET);
    await page.getByLabel('URL de la API Graph (opcional)').fill(graph.apiBaseUrl);
    await saveScreenshot(page, 'settings-whatsapp-form');
    await page.getByRole('button', { name: 'Crear canal' }).click();

    const webhookUrl = (await page.getByTestId('channel-webhook-url').textContent()) ?? '';
    const verifyToken = (await page.getByTestId('channel-verify-token').textContent()) ?? '';
    expect(webhookUrl).toMatch(/\/webhooks\/whatsapp\/\d+$/);
    expect(verifyToken.length).toBeGreaterThanOrEqual(20);
    await page.getByRole('cell', { name: 'WhatsApp ventas' }).waitFor();
    await saveScreenshot(page, 'settings-whatsapp-created');

    const handshake = await fetch(
      `${webhookUrl}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(verifyToken)}`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '1158201444']);

    expect(await postWhatsAppText(webhookUrl, APP_SECRET, { id: 'wamid.E2E1', text: '¿Lo tienen en azul?' })).toBe(200);

    await page.getByRole('button', { name: 'Ya lo guardé' }).click();
    await page.getByTestId('channel-verify-token').waitFor({ state: 'detached' });

    // A template written here goes to Meta for review and shows as pending.
    await page.getByRole('button', { name: 'Nueva plantilla' }).click();
    const form = page.getByRole('form', { name: 'Nueva plantilla' });
    await form.getByLabel('Nombre de la plantilla').fill('pedido_enviado');
    await form.getByLabel('Cuerpo').fill('Hola {{1}}, tu pedido {{2}} va en camino.');
    await form.getByLabel('Ejemplo para {{1}}').fill('Ana');
    await form.getByLabel('Ejemplo para {{2}}').fill('A-1024');
    await form.getByRole('button', { name: 'Enviar a revisión' }).click();
    await form.getByRole('status').filter({ hasText: '«pedido_enviado» se envió a Meta' }).waitFor();
    expect(graph.templateSubmissions()).toEqual([
      expect.objectContaining({ name: 'pedido_enviado', language: 'es', category: 'UTILITY' }),
    ]);
    await page.getByRole('link', { name: 'Mensajes', exact: true }).click();
    const row = page.getByRole('link', { name: /Sheena Nelson/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('¿Lo tienen en azul?');
  });
});
