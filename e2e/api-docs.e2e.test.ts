import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

describe('developer API docs', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await openPage(browser, server.baseUrl, 'es-ES');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders every operation from the OpenAPI document (no CDN) and calls the API with a token', async () => {
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.baseUrl)) external.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
    const { token } = await apiOk<{ token: string }>(page, 'POST', '/w/demo/api-tokens', { name: 'docs' });
    await apiOk(page, 'POST', '/w/demo/tags', { name: 'VIP' });

    await page.goto('/docs');
    await page.getByRole('heading', { name: 'Contact', exact: true }).waitFor();
    const doc = await (await page.request.get('/v2/openapi.json')).json();
    const operations = Object.values(doc.paths as Record<string, object>).flatMap((m) => Object.keys(m));
    expect(await page.locator('details').count()).toBe(operations.length);

    await page.getByLabel('API token').fill(token);
    const op = page.locator('details', { has: page.locator('code', { hasText: /^\/v2\/space\/tag$/ }) }).first();
    await op.locator('summary').click();
    await op.getByRole('button', { name: 'Send' }).click();
    await op.locator('pre', { hasText: '200' }).getByText('VIP').waitFor();
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    if (process.env.E2E_SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/api-docs.png` });
  });
});
