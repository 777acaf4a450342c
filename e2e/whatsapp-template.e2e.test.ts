import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk, signInInEnglish } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { startGraphStub } from './support/metaGraph';
import { repoRoot } from './support/paths';
import { type RunningServer, startServer } from './support/server';

const TOKEN = 'EAAG-e2e-whatsapp-token';
const PHONE = '+16505551234';

/** Two approved templates as Graph lists them: a plain one, and one with a document header and a link button. */
const TEMPLATES = JSON.parse(
  readFileSync(
    path.join(repoRoot, 'apps/server/src/channels/whatsapp/fixtures/template-list-header-button.response.json'),
    'utf8',
  ),
).data as unknown[];

describe('sending a WhatsApp template once the 24-hour window has closed', () => {
  let server: RunningServer;
  let browser: Browser;
  let graph: Awaited<ReturnType<typeof startGraphStub>>;
  let page: Page;

  beforeAll(async () => {
    [server, browser, graph] = await Promise.all([startServer(), launchBrowser(), startGraphStub(TOKEN, TEMPLATES)]);
    page = await openPage(browser, server.baseUrl, 'en-US');
    await signInInEnglish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await server?.stop();
  });

  it('picks an approved template, fills its values, reads the preview and sends it to Graph', async () => {
    const { channel } = await apiOk<{ channel: { id: number } }>(page, 'POST', '/w/demo/channels', {
      type: 'whatsapp',
      name: 'WhatsApp sales',
      config: {
        appSecret: 'e2e_app_secret',
        accessToken: TOKEN,
        phoneNumberId: '106540352242922',
        wabaId: '102290129340398',
        apiBaseUrl: graph.apiBaseUrl,
      },
    });
    await apiOk(page, 'POST', `/w/demo/channels/${channel.id}/templates/sync`);
    // A contact who never wrote on WhatsApp (so its window is closed), reached first through the developer API.
    const { token } = await apiOk<{ token: string }>(page, 'POST', '/w/demo/api-tokens', { name: 'e2e' });
    const v2 = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}/v2${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const identifier = `phone:${encodeURIComponent(PHONE)}`;
    expect(
      (await v2(`/contact/create_or_update/${identifier}`, { firstName: 'Sheena', lastName: 'Nelson' })).status,
    ).toBe(200);
    const first = await v2(`/contact/${identifier}/message`, {
      channelId: channel.id,
      message: {
        type: 'whatsapp_template',
        template: {
          name: 'revive_issue',
          languageCode: 'en_US',
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Sheena' },
                { type: 'text', text: 'today' },
              ],
            },
          ],
        },
      },
    });
    expect(first.status).toBeLessThan(300);

    await page.getByRole('link', { name: /Sheena Nelson/ }).click();
    const picker = page.getByTestId('template-picker');
    await picker.waitFor();
    await page.getByLabel('Approved template').selectOption({ label: 'invoice_ready (es)' });
    await page.getByLabel('Header document').setInputFiles({
      name: 'F-77.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 invoice F-77'),
    });
    await page.getByLabel('Value for 1').fill('Ana');
    await page.getByLabel('End of the link for the “Pagar” button').fill('F-77');
    const preview = page.getByTestId('template-preview');
    await preview.getByText('Hola Ana, tu factura está lista.').waitFor();
    await preview.getByText('https://pay.example.com/i/F-77').waitFor();
    await preview.getByText('F-77.pdf').waitFor();
    await saveScreenshot(page, 'composer-whatsapp-template');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const deadline = Date.now() + 20_000;
    while (!graph.sends.some((s) => JSON.stringify(s.body).includes('invoice_ready')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = graph.sends.find((s) => JSON.stringify(s.body).includes('invoice_ready'));
    expect(sent?.path).toBe('/v21.0/106540352242922/messages');
    const template = sent!.body.template as { components: Record<string, unknown>[] };
    expect(sent!.body).toMatchObject({ to: '16505551234', type: 'template' });
    expect(template.components).toEqual([
      {
        type: 'header',
        parameters: [
          { type: 'document', document: { link: expect.stringMatching(/\/media\/\d+\.\d+\./), filename: 'F-77.pdf' } },
        ],
      },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'F-77' }] },
    ]);
    await page.getByText('Hola Ana, tu factura está lista.').last().waitFor();
  });

  it('writes first to an imported contact known only by their phone, from their page', async () => {
    const { token } = await apiOk<{ token: string }>(page, 'POST', '/w/demo/api-tokens', { name: 'e2e-import' });
    const created = await fetch(
      `${server.baseUrl}/v2/contact/create_or_update/phone:${encodeURIComponent('+525512340001')}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Inés', lastName: 'Importada' }),
      },
    );
    expect(created.status).toBe(200);
    const { contactId } = (await created.json()) as { contactId: number };

    await page.goto(`${server.baseUrl}/w/demo/contacts/${contactId}`);
    await page.getByRole('button', { name: 'Send message', exact: true }).click();
    await page.waitForURL(/\/w\/demo\/messages\/\d+$/);
    const channel = page.getByLabel('Send via', { exact: true });
    await expect
      .poll(() => channel.locator('option:checked').textContent(), { timeout: 15_000 })
      .toBe('WhatsApp sales · +525512340001');
    await page
      .getByText('The contact has not written on this channel yet: the message goes to their number +525512340001.')
      .waitFor();
    await page.getByTestId('template-picker').waitFor();
    await page.getByLabel('Approved template').selectOption({ label: 'revive_issue (en_US)' });
    await page.getByLabel('Value for 1').fill('Inés');
    await page.getByLabel('Value for 2').fill('today');
    await saveScreenshot(page, 'composer-first-message-by-phone');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const deadline = Date.now() + 20_000;
    const toInes = () => graph.sends.find((s) => s.body.to === '525512340001');
    while (!toInes() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toInes()?.body).toMatchObject({ type: 'template', template: { name: 'revive_issue' } });
    await page.getByText('Hi Inés, we can talk about your issue today.').last().waitFor();
  });
});
