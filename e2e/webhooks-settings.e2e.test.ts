import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { postCustomMessage } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('settings: outgoing webhooks', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const received: { event: string; signature: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ event: JSON.parse(body).event, signature: String(req.headers['x-charla-signature']) });
      res.writeHead(200).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    // The receiver is on loopback: the server must allow-list it.
    process.env.CHARLA_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    delete process.env.CHARLA_WEBHOOK_ALLOW_HOSTS;
    page = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('subscribes a URL, shows the secret once, logs the delivery and redelivers it', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await page.goto('/w/demo/settings/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
    await page.getByLabel('URL').fill('http://10.0.0.1/hook');
    await page.getByLabel('Contacto nuevo').check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel('URL').fill(url);
    await page.getByRole('button', { name: 'Guardar' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^whsec_/);

    const created = await apiOk<{ channel: { webhookUrl: string }; secret: string }>(page, 'POST', '/w/demo/channels', {
      type: 'custom',
      name: 'Tienda',
      config: {},
    });
    expect(
      await postCustomMessage(created.channel.webhookUrl, created.secret, {
        id: 'w-1',
        sender: { id: 'u1', name: 'Ana' },
        text: 'Hola',
      }),
    ).toBe(200);

    await page.getByRole('button', { name: 'Registro de envíos' }).click();
    const log = page.getByRole('table', { name: 'Registro de envíos' });
    await log.getByRole('cell', { name: 'Entregado' }).waitFor({ timeout: 20_000 });
    expect(received.map((r) => r.event)).toEqual(['contact.created']);
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await log.getByRole('button', { name: 'Reenviar' }).first().click();
    const deadline = Date.now() + 20_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(received.map((r) => r.event)).toEqual(['contact.created', 'contact.created']);
    if (process.env.E2E_SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/webhooks.png`, fullPage: true });
  });

  it('subscribes to “Contacto eliminado” and reports a contact deleted from its page', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/deleted`;
    await page.goto('/w/demo/settings/webhooks');
    await page.getByLabel('URL').fill(url);
    await page.getByLabel('Contacto eliminado').check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByTestId('webhook-secret').waitFor();

    const contacts = await apiOk<{ items: { id: number; name: string }[] }>(page, 'GET', '/w/demo/contacts');
    const ana = contacts.items.find((c) => c.name === 'Ana')!;
    await page.goto(`/w/demo/contacts/${ana.id}`);
    await page.getByRole('heading', { name: 'Ana', level: 1 }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Eliminar contacto' }).click();
    await page.waitForURL(/\/w\/demo\/contacts$/);

    const deadline = Date.now() + 20_000;
    while (!received.some((r) => r.event === 'contact.deleted') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(received.filter((r) => r.event === 'contact.deleted')).toHaveLength(1);
    expect((await apiOk<{ items: unknown[] }>(page, 'GET', '/w/demo/contacts')).items).toEqual([]);
  });
});
