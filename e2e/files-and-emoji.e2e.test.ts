import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInInEnglish } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import {
  type CallbackReceiver,
  createShopChannel,
  postCustomMessage,
  startCallbackReceiver,
} from './support/customChannel';
import { type RunningServer, startServer } from './support/server';

type Sent = { text?: string; attachments?: { name: string | null }[] };

/** Issue #3: Settings → Files (upload, list, search, delete), attaching from Files and the emoji picker. */
describe('files and emoji', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    page = await openPage(browser, server.baseUrl, 'en-US');
    await signInInEnglish(page, server.ownerEmail, server.ownerPassword);
    const channel = await createShopChannel(page, receiver.url);
    expect(
      await postCustomMessage(channel.webhookUrl, channel.secret, {
        id: 'f-1',
        sender: { id: 'ana', name: 'Ana Pérez' },
        text: 'Send me the price list',
      }),
    ).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  const upload = (name: string, text: string) =>
    page.getByLabel('Upload files').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  const rows = () => page.locator('.table tbody tr');

  it('uploads, lists with type, size and uploader, searches by name and deletes', async () => {
    await page.goto('/w/demo/settings/files');
    await upload('price-list.txt', 'tacos 10 MXN');
    await upload('old-notes.txt', 'delete me');
    await rows().filter({ hasText: 'old-notes.txt' }).waitFor();
    const row = rows().filter({ hasText: 'price-list.txt' });
    expect(await row.locator('td').allTextContents()).toEqual([
      'price-list.txt',
      'text/plain',
      '12 B',
      'Demo Owner',
      expect.any(String),
      'Remove',
    ]);

    await page.getByRole('searchbox', { name: 'Search by name' }).fill('PRICE');
    await rows().filter({ hasText: 'old-notes.txt' }).waitFor({ state: 'detached' });
    // The list may be between two fetches (no rows at all): wait for the file that matches.
    await rows().filter({ hasText: 'price-list.txt' }).waitFor();
    expect(await rows().count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('');
    await rows().filter({ hasText: 'old-notes.txt' }).waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Remove old-notes.txt' }).click();
    await rows().filter({ hasText: 'old-notes.txt' }).waitFor({ state: 'detached' });
    await rows().filter({ hasText: 'price-list.txt' }).waitFor();
    expect(await rows().count()).toBe(1);
  });

  it('attaches a file from Files and inserts an emoji at the caret with the keyboard', async () => {
    await page.goto('/w/demo/messages');
    await page.getByRole('button', { name: /^Unassigned/ }).click();
    await page.getByRole('link', { name: /Ana Pérez/ }).click();

    await page.getByRole('button', { name: 'From Files' }).click();
    const picker = page.getByRole('dialog', { name: 'From Files' });
    await picker.getByRole('searchbox').fill('price');
    await picker.getByRole('button', { name: 'price-list.txt' }).click();
    await page.locator('.attachment-chip', { hasText: 'price-list.txt' }).waitFor();

    const composer = page.getByLabel('Reply', { exact: true });
    await composer.fill('Here it is!');
    await composer.evaluate((input: HTMLTextAreaElement) => input.setSelectionRange(10, 10));
    await page.getByRole('button', { name: 'Insert emoji' }).click();
    const emoji = page.getByRole('dialog', { name: 'Emoji' });
    await emoji.getByRole('group', { name: 'Smileys' }).waitFor();
    // Focus starts on the first emoji (😀); → moves to the second (😃), Enter picks it.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await emoji.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('Here it is😃!');
    expect(await composer.evaluate((input: HTMLTextAreaElement) => input.selectionStart)).toBe(12);

    await composer.press('Enter');
    await page.locator('.message-out', { hasText: 'Here it is😃!' }).waitFor();
    // The channel gets the reply once the outbound job has run.
    const reply = () => (receiver.received as Sent[]).find((body) => body.text === 'Here it is😃!');
    await page.locator('.message-out[data-status="sent"]', { hasText: 'Here it is😃!' }).waitFor();
    expect(reply()?.attachments?.map((a) => a.name)).toEqual(['price-list.txt']);
  });

  it('refuses to delete a file a sent message carries', async () => {
    await page.goto('/w/demo/settings/files');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Remove price-list.txt' }).click();
    await page.getByText('A message or an import uses this file: it cannot be deleted.').waitFor();
    expect(await rows().filter({ hasText: 'price-list.txt' }).count()).toBe(1);
  });
});
