import type { Page } from 'playwright-core';
import type { RunningServer } from './server';

function firstLink(text: string, what: string): string {
  const link = text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`No link in ${what}:\n${text}`);
  return link;
}

/**
 * Opens Settings → Unsent emails as the owner and returns the first link in the newest email that
 * mentions `textPart` (without SMTP, workspace emails such as invitations land there).
 */
export async function linkFromOutbox(page: Page, slug: string, textPart: string): Promise<string> {
  await page.goto(`/w/${slug}/settings/outbox`);
  const email = page.locator('.outbox-item', { hasText: textPart }).first();
  await email.locator('summary').click();
  return firstLink((await email.locator('.outbox-text').textContent()) ?? '', `the outbox email about "${textPart}"`);
}

/**
 * The first link of the newest email to `to` that the server logged because SMTP is not configured.
 * Emails outside any workspace (password resets) are only there: no workspace outbox shows them.
 */
export async function linkFromServerLog(server: RunningServer, to: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const emails = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { to?: string; text?: string })
      .filter((entry) => entry.to === to && typeof entry.text === 'string');
    const newest = emails.at(-1);
    if (newest?.text) return firstLink(newest.text, `the logged email to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server logged no email to ${to}:\n${server.output()}`);
}
