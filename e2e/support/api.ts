import type { Page } from 'playwright-core';

/**
 * Calls the JSON API with the page's session (its cookies) and a CSRF token, as the web app does. For test
 * setup the UI does not need to show (inviting a second user, assigning a conversation). Like the web app's
 * client it retries once with a fresh token on `csrf_invalid`: the page's own first token request can
 * replace the CSRF cookie between our token request and our call.
 */
export async function apiAs(page: Page, method: string, path: string, body?: unknown) {
  for (let attempt = 1; ; attempt++) {
    const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { token: string };
    const response = await page.request.fetch(path, {
      method,
      headers: { 'x-csrf-token': csrf.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (response.status() === 403 && parsed?.code === 'csrf_invalid' && attempt === 1) continue;
    return { status: response.status(), body: parsed };
  }
}

/** `apiAs` under `/api`, returning the body and throwing on an error answer (test setup). */
export async function apiOk<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await apiAs(page, method, `/api${path}`, body);
  if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** Signs in through the English login form and waits for the inbox. */
export async function signInInEnglish(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL('**/w/*/messages');
}
