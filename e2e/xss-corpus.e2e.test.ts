import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { type CallbackReceiver, postCustomMessage, startCallbackReceiver } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

/** Each payload, if it ever ran, sets `window.__xss`; a dialog would also be caught. */
const PAYLOADS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"></svg>',
  '<a href="javascript:window.__xss=\'link\'">haz clic</a>',
  '<iframe src="javascript:window.__xss=\'iframe\'"></iframe>',
  '<b onmouseover="window.__xss=\'hover\'">pasa el ratón</b>',
  '<scr<script>ipt>window.__xss="nested"</scr</script>ipt>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert('name')>",
  '<div style="background:url(javascript:window.__xss=1)">x</div><!--',
  'javascript:window.__xss="bare"',
  '<details open ontoggle="window.__xss=\'details\'">',
];

/**
 * Customer-provided text (message bodies, contact names, attachment names and URLs) renders inert: the
 * corpus arrives through the custom channel and is shown in the list, the conversation and the timeline.
 */
describe('XSS corpus renders inert in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
    page.on('pageerror', (error) => dialogs.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  const xssFlag = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);

  it('message bodies, contact names and attachments from the corpus run nothing', async () => {
    const created = await apiAs(page, 'POST', '/api/w/demo/channels', {
      type: 'custom',
      name: 'Corpus',
      config: { callbackUrl: receiver.url },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const webhookUrl = created.body.channel.webhookUrl as string;
    const secret = created.body.secret as string;

    for (const [i, payload] of PAYLOADS.entries()) {
      const status = await postCustomMessage(webhookUrl, secret, {
        id: `xss-${i}`,
        sender: { id: `attacker-${i % 3}`, name: i % 3 === 0 ? payload.slice(0, 200) : `Atacante ${i % 3}` },
        text: payload,
        attachments: i === 3 ? [{ url: 'https://example.com/x.png', type: 'image', name: payload }] : undefined,
      });
      expect(status).toBe(200);
    }

    // Every payload stored (each adds one unread) before looking: processing order decides the list order.
    for (;;) {
      const list = await apiAs(page, 'GET', '/api/w/demo/conversations');
      const unread = (list.body.items as { unreadCount: number }[]).reduce((n, c) => n + c.unreadCount, 0);
      if (unread >= PAYLOADS.length) break;
      await page.waitForTimeout(200);
    }
    await page.goto('/w/demo/messages');
    const rows = page.locator('.conversation-row');
    await rows.nth(2).waitFor();
    let linkShown = false;
    for (let i = 0; i < 3; i++) {
      const name = (await rows.nth(i).locator('.conversation-contact').textContent()) ?? '';
      await rows.nth(i).hover();
      await rows.nth(i).click();
      // The header shows the name once this conversation (not the previous one) is loaded.
      await page.locator('.conversation-title h2', { hasText: name }).waitFor();
      const bodies = page.locator('[role="log"] .message-in .message-body');
      await bodies.first().waitFor();
      for (const body of await bodies.all()) await body.hover();
      linkShown ||= (await page.locator('[role="log"]', { hasText: 'haz clic' }).count()) > 0;
    }
    // Every payload is on screen as text, with no element created from it.
    expect(linkShown).toBe(true);
    const injected = await page.evaluate(
      () =>
        document.querySelectorAll(
          '.message-history script, .message-history img, .message-history svg, .message-history iframe, .message-history details, .conversation-list iframe, .conversation-list img, a[href^="javascript:"]',
        ).length,
    );
    expect(injected).toBe(0);

    // An internal comment with the corpus is text too.
    const composerMode = page.getByRole('button', { name: 'Comentario interno' });
    await composerMode.click();
    const note = page.getByLabel('Comentario interno', { exact: true });
    await note.fill(PAYLOADS[1]!);
    await note.press('Enter');
    await page.locator('.comment .message-body', { hasText: 'onerror' }).waitFor();

    await page.waitForTimeout(300);
    expect(await xssFlag()).toBeNull();
    expect(dialogs).toEqual([]);
  });
});
