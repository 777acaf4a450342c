import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';

const harness = fileURLToPath(new URL('../apps/web/src/testing/errorBoundaryHarness.tsx', import.meta.url));

/**
 * The route-level error boundary, mounted on its own in Chromium around a child that throws (no way to
 * make a real view throw exists in the app, on purpose): the rest of the page stays, the fallback is
 * translated, and "Retry" renders the view again once it no longer throws.
 */
describe('route error boundary', () => {
  let browser: Browser;
  let script = '';

  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [harness],
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    });
    script = bundled.outputFiles[0]!.text;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function mount(locale: string) {
    const page = await (await browser.newContext({ locale })).newPage();
    page.setDefaultTimeout(15_000);
    const crashes: string[] = [];
    page.on('console', (m) => m.type() === 'error' && crashes.push(m.text()));
    await page.setContent('<div id="root"></div>');
    await page.addScriptTag({ content: script });
    return { page, crashes };
  }

  it('shows "Algo salió mal" in place of the crashed view only, and Retry brings the view back', async () => {
    const { page, crashes } = await mount('es-ES');
    await page.getByRole('alert').getByRole('heading', { name: 'Algo salió mal' }).waitFor();
    expect(await page.getByText('The rest of the app').isVisible()).toBe(true);
    expect(crashes.some((c) => c.includes('the view broke'))).toBe(true);

    await page.evaluate(() => {
      (window as unknown as { harnessFails: boolean }).harnessFails = false;
    });
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText('The view is back').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('speaks English to an English browser, with a reload button', async () => {
    const { page } = await mount('en-US');
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    await page.getByRole('button', { name: 'Reload page' }).waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    // Still throwing: the fallback comes back rather than a blank page.
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  });
});
