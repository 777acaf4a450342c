import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { signInInSpanish } from './support/signIn';

const spanishNav = ['Panel', 'Mensajes', 'Contactos', 'Flujos', 'Transmisiones', 'Reportes', 'Configuraciones'];
const englishNav = ['Dashboard', 'Messages', 'Contacts', 'Workflows', 'Broadcasts', 'Reports', 'Settings'];

describe('sign-in and language', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a translated error for a wrong password', async () => {
    const page = await openPage(browser, server.baseUrl, 'es-ES');
    await page.goto('/login');
    await page.getByLabel('Correo electrónico').fill(server.ownerEmail);
    await page.getByLabel('Contraseña').fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();

    await page.getByRole('alert').getByText('Correo o contraseña incorrectos.').waitFor();
    expect(page.url()).toContain('/login');
    await page.context().close();
  });

  it('signs in in Spanish, switches to English, and keeps English after a reload and in a new session', async () => {
    const page = await openPage(browser, server.baseUrl, 'es-ES');
    await page.goto('/');
    await page.waitForURL('**/login');
    await signInInSpanish(page, server.ownerEmail, server.ownerPassword);

    const spanishNavigation = page.getByRole('navigation', { name: 'Navegación principal' });
    for (const label of spanishNav) await spanishNavigation.getByRole('link', { name: label, exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    await page.getByRole('button', { name: 'Menú de usuario' }).click();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    const englishNavigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const label of englishNav) await englishNavigation.getByRole('link', { name: label, exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    for (const label of englishNav) await englishNavigation.getByRole('link', { name: label, exact: true }).waitFor();
    expect(await spanishNavigation.count()).toBe(0);

    // A new browser session with a Spanish browser: the language stored on the account wins.
    const freshPage = await openPage(browser, server.baseUrl, 'es-ES');
    await signInInSpanish(freshPage, server.ownerEmail, server.ownerPassword);
    await freshPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Messages' })
      .waitFor();

    await freshPage.context().close();
    await page.context().close();
  });
});
