import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInInEnglish } from './support/api';
import { launchBrowser, saveScreenshot } from './support/browser';
import {
  type CallbackReceiver,
  createShopChannel,
  postCustomMessage,
  startCallbackReceiver,
} from './support/customChannel';
import { type RunningServer, startServer } from './support/server';

const WIDTH = 390;

/** How far the page scrolls sideways, and (to tell what to fix) the elements sticking out past the screen. */
const measure = (page: Page) =>
  page.evaluate((width) => {
    // Inside a sideways-scrolling strip (tabs) sticking out is fine: the strip scrolls, the page does not.
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const outside = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !clipped(e))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, outside };
  }, WIDTH);

async function expectFits(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await saveScreenshot(page, `mobile-${name}`);
  const { scrollWidth, outside } = await measure(page);
  expect(scrollWidth, `${name} overflows sideways: ${outside.join(', ')}`).toBeLessThanOrEqual(WIDTH);
}

/** Issue #3: the agent app on a 390 × 844 phone — inbox, conversation and reply, contact, settings, navigation. */
describe('phone layout (390 px)', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'en-US',
      viewport: { width: WIDTH, height: 844 },
      hasTouch: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInInEnglish(page, server.ownerEmail, server.ownerPassword);
    const channel = await createShopChannel(page, receiver.url);
    const status = await postCustomMessage(channel.webhookUrl, channel.secret, {
      id: 'phone-1',
      sender: { id: 'ana', name: 'Ana María Fernández de la Torre', email: 'ana.maria.fernandez@example.com' },
      text: 'A rather long first message without spaces: https://example.com/a-very-long-path/that-keeps-going/and-going',
    });
    expect(status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('opens a conversation from the list, replies, and goes back to the list', async () => {
    await page.goto('/w/demo/messages');
    await page.getByRole('button', { name: /^Unassigned/ }).click();
    const row = page.getByRole('link', { name: /Ana María/ });
    await row.waitFor();
    await expectFits(page, 'inbox-list');

    await row.click();
    await page.getByRole('heading', { name: /Ana María/ }).waitFor();
    expect(await row.isVisible()).toBe(false);
    await expectFits(page, 'conversation');

    const composer = page.getByLabel('Reply', { exact: true });
    await composer.fill('We ship to all of Mexico');
    await composer.press('Enter');
    await page.locator('.message-out', { hasText: 'We ship to all of Mexico' }).waitFor();
    await expectFits(page, 'conversation-replied');

    await page.getByRole('link', { name: /Conversations/ }).click();
    await row.waitFor();
  });

  it('shows the contacts list and a contact page without sideways scrolling', async () => {
    await page.goto('/w/demo/contacts');
    const contact = page.getByRole('link', { name: /Ana María/ }).first();
    await contact.waitFor();
    await expectFits(page, 'contacts');
    await contact.click();
    await page.waitForURL(/\/contacts\/\d+$/);
    await page
      .getByRole('heading', { name: /Ana María/ })
      .first()
      .waitFor();
    await expectFits(page, 'contact');
  });

  it('fits every settings page tried, and the navigation reaches settings', async () => {
    await page.goto('/w/demo/messages');
    // The sections fold behind the menu button; opened, every one is on screen.
    const settings = page.getByRole('link', { name: 'Settings', exact: true });
    expect(await settings.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await saveScreenshot(page, 'mobile-menu');
    const box = (await settings.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    await settings.click();
    await page.waitForURL(/\/settings\/channels$/);
    await expectFits(page, 'settings-channels');
    for (const tab of ['users', 'files', 'snippets', 'general']) {
      await page.goto(`/w/demo/settings/${tab}`);
      await expectFits(page, `settings-${tab}`);
    }
  });
});
