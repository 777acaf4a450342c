import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type CallbackReceiver, postCustomMessage, startCallbackReceiver } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

/** Resolves once `check` returns true, polling; fails after `timeoutMs`. */
async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('inbox with a custom channel', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;
  const channel = { secret: '', webhookUrl: '' };

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('creates a custom channel in Settings → Channels and shows its secret once', async () => {
    await page.getByRole('link', { name: 'Configuraciones', exact: true }).click();
    await page.getByRole('link', { name: 'Canales', exact: true }).click();
    await page.getByLabel('Nombre del canal').fill('Tienda web');
    await page.getByLabel('URL de respuesta').fill(receiver.url);
    await page.getByRole('button', { name: 'Crear canal' }).click();

    channel.secret = (await page.getByTestId('channel-secret').textContent()) ?? '';
    channel.webhookUrl = (await page.getByTestId('channel-webhook-url').textContent()) ?? '';
    expect(channel.secret.length).toBeGreaterThanOrEqual(16);
    expect(channel.webhookUrl).toMatch(/\/webhooks\/custom\/\d+$/);
    await page.getByRole('cell', { name: 'Tienda web' }).waitFor();
    await saveScreenshot(page, 'settings-channel-created');

    await page.getByRole('button', { name: 'Ya lo guardé' }).click();
    await page.getByTestId('channel-secret').waitFor({ state: 'detached' });
    expect(await page.getByText(channel.secret).count()).toBe(0);
  });

  it('shows an inbound message live in the open inbox, as text and not as HTML', async () => {
    await page.getByRole('link', { name: 'Mensajes', exact: true }).click();
    await page.getByText('No hay conversaciones abiertas en esta vista.').waitFor();
    await page.locator('main[data-realtime="connected"]').waitFor();
    // Marks this document: if anything reloaded the page, the mark would be gone.
    await page.evaluate(() => document.documentElement.setAttribute('data-test-no-reload', 'yes'));

    const status = await postCustomMessage(channel.webhookUrl, channel.secret, {
      id: 'm1',
      sender: { id: 'u1', name: 'Ana Pérez' },
      text: 'Hola <b>no html</b>',
    });
    expect(status).toBe(200);

    const row = page.getByRole('link', { name: /Ana Pérez/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Hola <b>no html</b>');
    expect(await row.textContent()).toContain('Tienda web');
    await row.click();

    const body = page.locator('.message-in .message-body').first();
    await body.waitFor();
    expect(await body.textContent()).toBe('Hola <b>no html</b>');
    expect(await body.locator('b').count()).toBe(0);

    // A second message arrives while the conversation is open: it joins the history live.
    expect(
      await postCustomMessage(channel.webhookUrl, channel.secret, {
        id: 'm2',
        sender: { id: 'u1', name: 'Ana Pérez' },
        text: '¿Siguen abiertos hoy?',
      }),
    ).toBe(200);
    await page.locator('.message-in .message-body', { hasText: '¿Siguen abiertos hoy?' }).waitFor();
    expect(await page.locator('html').getAttribute('data-test-no-reload')).toBe('yes');
  });

  it('sends a reply typed in the composer and shows it in the history', async () => {
    const reply = 'Hola Ana, sí: abrimos hasta las 20:00.';
    const composer = page.getByLabel('Respuesta');
    await composer.fill(reply);
    await composer.press('Enter');

    const sent = page.locator('.message-out', { hasText: reply });
    await sent.waitFor();
    expect(await composer.inputValue()).toBe('');

    await eventually(
      () => receiver.received.some((body) => (body as { text?: string }).text === reply),
      'the reply to reach the custom channel callback URL',
    );
    await page.locator('.message-out[data-status="sent"]', { hasText: reply }).waitFor();
    await saveScreenshot(page, 'inbox-conversation');
  });
});
