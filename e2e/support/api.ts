import type { Page } from 'playwright-core';

/**
 * Calls the JSON API with the page's session (its cookies) and a CSRF token, as the web app does. For test
 * setup the UI does not need to show (inviting a second user, assigning a conversation).
 */
export async function apiAs(page: Page, method: string, path: string, body?: unknown) {
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

/** Signs in through the English login form and waits for the inbox. */
export async function signInInEnglish(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/w/*/messages');
}
