import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type HostSite, startHostSite } from './support/hostPage';
import { postWhatsAppText, startGraphStub } from './support/metaGraph';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const TOKEN = 'EAAG-e2e-webchat-identity';
const APP_SECRET = 'e2e_identity_app_secret';

/** A 2×2 red PNG: small enough to inline, real enough for the browser to decode. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Counts the widget's notification sounds: the frame makes one AudioContext per beep. Runs in every frame
 * of the visitor's pages; only the widget's frame ever creates one.
 */
const COUNT_BEEPS = `(() => {
  const Original = window.AudioContext;
  if (!Original) return;
  window.__beeps = 0;
  window.AudioContext = class extends Original {
    constructor(...args) { super(...args); window.__beeps += 1; }
  };
})();`;

const widgetOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat"]');
const widgetFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().includes('/widget/frame/'));
  if (!frame) throw new Error('the widget frame is not loaded');
  return frame;
};

/**
 * The help page's promise for the website channel: a visitor who types their phone in the pre-chat form is
 * recognised as the customer who already writes on WhatsApp (a merge suggestion, never a silent merge), and
 * files and replies travel both ways with a sound when the chat is closed.
 */
describe('web chat: pre-chat phone meets the WhatsApp contact; files both ways; sound', () => {
  let server: RunningServer;
  let browser: Browser;
  let graph: Awaited<ReturnType<typeof startGraphStub>>;
  let agent: Page;
  let visitor: Page;
  let site: HostSite;
  const channel = { id: 0, secret: '' };

  beforeAll(async () => {
    [server, browser, graph] = await Promise.all([startServer(), launchBrowser(), startGraphStub(TOKEN)]);
    site = await startHostSite({
      serverUrl: server.baseUrl,
      channelId: () => channel.id,
      secret: () => channel.secret,
    });
    agent = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(agent, server.ownerEmail, server.ownerPassword);

    // National numbers typed by visitors are read in the workspace's country.
    await apiOk(agent, 'PATCH', '/w/demo/settings/general', { defaultCountry: 'US' });
    const whatsapp = await apiOk<{ channel: { webhookUrl: string } }>(agent, 'POST', '/w/demo/channels', {
      type: 'whatsapp',
      name: 'WhatsApp ventas',
      config: {
        accessToken: TOKEN,
        phoneNumberId: '106540352242922',
        wabaId: '102290129340398',
        appSecret: APP_SECRET,
        apiBaseUrl: graph.apiBaseUrl,
      },
    });
    const first = { id: 'wamid.E2E-IDENTITY-1', text: '¿Tienen envío a Palo Alto?' };
    expect(await postWhatsAppText(whatsapp.channel.webhookUrl, APP_SECRET, first)).toBe(200);

    const webchat = await apiOk<{ channel: { id: number }; secret: string }>(agent, 'POST', '/w/demo/channels', {
      type: 'webchat',
      name: 'Chat de la tienda',
      config: {
        allowedOrigins: [site.origin],
        prechat: {
          enabled: true,
          fields: {
            name: { enabled: true, required: true },
            email: { enabled: false, required: false },
            phone: { enabled: true, required: true },
          },
        },
      },
    });
    channel.id = webchat.channel.id;
    channel.secret = webchat.secret;
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await site?.close();
    await server?.stop();
  });

  it('a pre-chat phone typed in national format raises a merge suggestion with the WhatsApp contact', async () => {
    visitor = await openPage(browser, site.origin, 'es-ES');
    await visitor.context().addInitScript(COUNT_BEEPS);
    await visitor.goto(`${site.origin}/`);
    const widget = widgetOf(visitor);
    await widget.getByRole('button', { name: 'Abrir chat' }).click();
    await widget.getByLabel('Nombre').fill('Ana Pérez');
    await widget.getByLabel('Teléfono').fill('(650) 555-12');
    await widget.getByRole('button', { name: 'Comenzar chat' }).click();
    await widget.getByText('Escribe un teléfono válido.').waitFor();
    await widget.getByLabel('Teléfono').fill('(650) 555-1234');
    await widget.getByRole('button', { name: 'Comenzar chat' }).click();
    const composer = widget.getByLabel('Escribe un mensaje…');
    await composer.fill('Hola, les escribí por WhatsApp');
    await composer.press('Enter');
    await widget.locator('.m-in:not(.pending)', { hasText: 'les escribí por WhatsApp' }).waitFor();

    await agent.getByRole('link', { name: 'Contactos', exact: true }).click();
    await agent.getByRole('link', { name: /Posibles duplicados/ }).click();
    const row = agent.getByRole('row', { name: /Mismo teléfono: \+16505551234/ });
    await row.waitFor();
    await row.getByRole('link', { name: 'Sheena Nelson' }).waitFor();
    await row.getByRole('link', { name: 'Ana Pérez' }).click();

    // The visitor's own contact page: its phone is the one typed (not verified), and the suggestion names
    // the WhatsApp contact. Nothing was merged on its own.
    await agent.getByRole('heading', { level: 1, name: 'Ana Pérez' }).waitFor();
    const panel = agent.getByRole('region', { name: 'Posibles duplicados' });
    await panel.getByRole('link', { name: 'Sheena Nelson' }).waitFor();
    await saveScreenshot(agent, 'webchat-prechat-suggestion');
    const contacts = await apiOk<{ items: { firstName: string | null }[] }>(agent, 'GET', '/w/demo/contacts');
    expect(contacts.items.map((c) => c.firstName).sort()).toEqual(['Ana', 'Sheena']);
  });

  it('a visitor’s image shows inline for the agent; the agent’s file reaches the closed widget with a sound', async () => {
    const widget = widgetOf(visitor);
    await widget
      .locator('input[type="file"]')
      .setInputFiles({ name: 'pedido.png', mimeType: 'image/png', buffer: PNG });
    await widget.locator('.m-in:not(.pending) .att img[alt="pedido.png"]').waitFor();

    await agent.getByRole('link', { name: 'Mensajes', exact: true }).click();
    await agent.getByRole('link', { name: /Ana Pérez/ }).click();
    const image = agent.locator('.message-in .attachment-image img[alt="pedido.png"]');
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 })
      .toBe(2);

    // The visitor closes the chat; the agent answers with a file.
    await widget.getByRole('button', { name: 'Cerrar chat' }).first().click();
    const beepsBefore = await widgetFrame(visitor).evaluate(() => (window as unknown as { __beeps: number }).__beeps);
    await agent
      .getByLabel('Adjuntar archivos')
      .setInputFiles({ name: 'factura.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await agent.locator('.attachment-chip', { hasText: 'factura.pdf' }).waitFor();
    await agent.getByLabel('Respuesta').fill('Aquí está su factura');
    await agent.getByLabel('Respuesta').press('Enter');

    await visitor.locator('#events li', { hasText: 'message:Aquí está su factura' }).waitFor();
    await expect
      .poll(() => widgetFrame(visitor).evaluate(() => (window as unknown as { __beeps: number }).__beeps))
      .toBe(beepsBefore + 1);
    await widget.getByRole('button', { name: 'Abrir chat' }).click();
    const file = widget.locator('.m-out .att a', { hasText: 'factura.pdf' });
    await file.waitFor();
    // The visitor can download it: the link answers with the bytes the agent uploaded.
    const href = (await file.getAttribute('href')) ?? '';
    const download = await fetch(new URL(href, server.baseUrl));
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toContain('%PDF-1.4');
    await saveScreenshot(visitor, 'widget-files');
  });

  it('on a phone-sized screen, a message written offline is sent once when the network returns', async () => {
    const context = await browser.newContext({
      baseURL: site.origin,
      locale: 'es-ES',
      viewport: { width: 390, height: 844 },
    });
    const phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
    await phone.goto(`${site.origin}/`);
    const widget = widgetOf(phone);
    await widget.getByRole('button', { name: 'Abrir chat' }).click();
    // The open chat fits the screen: nothing of it lies outside the 390 px viewport.
    const box = await phone.locator('iframe[title="Chat"]').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await widget.getByLabel('Nombre').fill('Luis Gómez');
    await widget.getByLabel('Teléfono').fill('(415) 555-0100');
    await widget.getByRole('button', { name: 'Comenzar chat' }).click();
    const composer = widget.getByLabel('Escribe un mensaje…');
    await composer.fill('Primero, con conexión');
    await composer.press('Enter');
    await widget.locator('.m-in:not(.pending)', { hasText: 'Primero, con conexión' }).waitFor();

    await context.setOffline(true);
    await composer.fill('Escrito sin conexión');
    await composer.press('Enter');
    await widget
      .locator('.m-in.pending', { hasText: 'Escrito sin conexión' })
      .getByText('Sin enviar; lo reintentaremos.')
      .waitFor();
    await context.setOffline(false);
    await widget.locator('.m-in:not(.pending)', { hasText: 'Escrito sin conexión' }).waitFor({ timeout: 40_000 });
    expect(await widget.locator('.m-in', { hasText: 'Escrito sin conexión' }).count()).toBe(1);

    // The server stored it exactly once, and the agent sees both messages.
    await agent.getByRole('link', { name: 'Mensajes', exact: true }).click();
    await agent.getByRole('link', { name: /Luis Gómez/ }).click();
    await agent.locator('.message-in .message-body', { hasText: 'Escrito sin conexión' }).waitFor();
    expect(await agent.locator('.message-in .message-body', { hasText: 'Escrito sin conexión' }).count()).toBe(1);
    expect(await agent.locator('.message-in .message-body', { hasText: 'Primero, con conexión' }).count()).toBe(1);
    await saveScreenshot(phone, 'widget-phone');
    await context.close();
  });
});
