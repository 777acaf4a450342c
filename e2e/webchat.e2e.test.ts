import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type HostSite, startHostSite } from './support/hostPage';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

/** The widget inside a host page: the chat UI lives in the iframe the loader adds. */
const widgetOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');

async function openWidget(page: Page, url: string): Promise<FrameLocator> {
  await page.goto(url);
  const widget = widgetOf(page);
  await widget.getByRole('button', { name: 'Abrir chat' }).click();
  return widget;
}

describe('web chat widget on a customer site', () => {
  let server: RunningServer;
  let browser: Browser;
  let agent: Page;
  let site: HostSite;
  const channel = { id: 0, secret: '' };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    site = await startHostSite({
      serverUrl: server.baseUrl,
      channelId: () => channel.id,
      secret: () => channel.secret,
    });
    agent = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(agent, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
  });

  it('creates a web chat in Settings → Channels and requires an email in the Pre-Chat form', async () => {
    await agent.getByRole('link', { name: 'Configuraciones', exact: true }).click();
    await agent.getByRole('link', { name: 'Canales', exact: true }).click();
    await agent.getByLabel('Nombre del chat web').fill('Chat de la tienda');
    await agent.getByLabel('Direcciones de su sitio').fill(site.origin);
    await agent.getByRole('button', { name: 'Crear chat web' }).click();
    channel.secret = (await agent.getByTestId('webchat-secret').textContent()) ?? '';
    expect(channel.secret.length).toBeGreaterThanOrEqual(32);
    await agent.getByRole('button', { name: 'Ya la guardé' }).click();

    const snippet = (await agent.getByTestId('webchat-snippet').textContent()) ?? '';
    expect(snippet).toMatch(
      new RegExp(`^<script src="${server.baseUrl}/widget.js" data-channel="\\d+" async></script>$`),
    );
    channel.id = Number(/data-channel="(\d+)"/.exec(snippet)![1]);
    await agent.getByLabel('Pedir datos antes del chat (formulario Pre-Chat)').check();
    await agent.getByLabel('Obligatorio: Correo electrónico').check();
    await agent.getByLabel('Mostrar: Nombre').check();
    await agent.getByRole('button', { name: 'Guardar cambios' }).click();
    await agent.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await saveScreenshot(agent, 'settings-webchat');
  });

  it('refuses a bad email, accepts a good one, and the contact reaches the inbox with that email', async () => {
    const visitor = await openPage(browser, site.origin, 'es-ES');
    const widget = await openWidget(visitor, `${site.origin}/`);
    await widget.getByLabel('Nombre').fill('Marta López');
    await widget.getByLabel('Correo electrónico').fill('marta@ejemplo');
    await widget.getByRole('button', { name: 'Comenzar chat' }).click();
    await widget.getByText('Escribe un correo válido, por ejemplo ana@ejemplo.com.').waitFor();
    await widget.getByLabel('Correo electrónico').fill('marta@ejemplo.com');
    await widget.getByRole('button', { name: 'Comenzar chat' }).click();
    const composer = widget.getByLabel('Escribe un mensaje…');
    await composer.fill('Hola, ¿dónde está mi pedido <b>123</b>?');
    await composer.press('Enter');
    await widget.locator('.m-in:not(.pending)', { hasText: 'mi pedido <b>123</b>' }).waitFor();

    await agent.getByRole('link', { name: 'Mensajes', exact: true }).click();
    const row = agent.getByRole('link', { name: /Marta López/ });
    await row.waitFor();
    await row.click();
    await agent.locator('.message-in .message-body', { hasText: 'mi pedido <b>123</b>' }).waitFor();

    // The agent's reply appears in the open widget without a reload, as text.
    const reply = 'Hola Marta, ya lo reviso <i>ahora</i>.';
    await agent.getByLabel('Respuesta').fill(reply);
    await agent.getByLabel('Respuesta').press('Enter');
    const shown = widget.locator('.m-out', { hasText: reply });
    await shown.waitFor();
    expect(await shown.locator('i').count()).toBe(0);
    expect(await shown.locator('.who').textContent()).toBe('Demo Owner');
    await visitor.locator('#events li', { hasText: `message:${reply}` }).waitFor();
    await saveScreenshot(visitor, 'widget-conversation');

    // After a reload the visitor still sees the whole conversation.
    await visitor.reload();
    const reopened = widgetOf(visitor);
    await reopened.getByRole('button', { name: 'Abrir chat' }).click();
    await reopened.locator('.m-in', { hasText: 'mi pedido <b>123</b>' }).waitFor();
    await reopened.locator('.m-out', { hasText: reply }).waitFor();
    expect(await reopened.getByLabel('Correo electrónico').count()).toBe(0);

    await agent.getByRole('link', { name: 'Contactos', exact: true }).click();
    await agent.getByRole('row', { name: /Marta López.*marta@ejemplo\.com/ }).waitFor();
    await visitor.context().close();
  });

  it('a logged-in user verified with userHash is one contact on two browsers; a forged hash is refused', async () => {
    const laptop = await openPage(browser, site.origin, 'es-ES');
    const onLaptop = await openWidget(laptop, `${site.origin}/?user=cliente-77`);
    const composer = onLaptop.getByLabel('Escribe un mensaje…');
    // The first identified session of the run signs the visitor in before the composer shows: allow a
    // busy CI machine more than the default action timeout for it.
    await composer.waitFor({ timeout: 45_000 });
    await composer.fill('Soy el cliente 77 desde el portátil');
    await composer.press('Enter');
    await onLaptop.locator('.m-in:not(.pending)', { hasText: 'desde el portátil' }).waitFor();

    const phone = await openPage(browser, site.origin, 'es-ES');
    const onPhone = await openWidget(phone, `${site.origin}/?user=cliente-77`);
    await onPhone.locator('.m-in', { hasText: 'Soy el cliente 77 desde el portátil' }).waitFor();

    const intruder = await openPage(browser, site.origin, 'es-ES');
    const onIntruder = await openWidget(intruder, `${site.origin}/?user=cliente-77&forge=1`);
    await intruder.locator('#events li', { hasText: 'error:invalid_user_hash' }).waitFor();
    expect(await onIntruder.locator('.m-in', { hasText: 'cliente 77' }).count()).toBe(0);
    for (const p of [laptop, phone, intruder]) await p.context().close();
  });
});
