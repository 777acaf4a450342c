import type { Page } from 'playwright-core';

/** Fills the login form in Spanish and waits for the inbox. */
export async function signInInSpanish(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL('**/w/*/messages');
}
