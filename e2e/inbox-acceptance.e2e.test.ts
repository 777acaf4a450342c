import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signInInEnglish } from './support/api';
import { launchBrowser, openPage, saveScreenshot } from './support/browser';
import { type CallbackReceiver, postCustomMessage, startCallbackReceiver } from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { addTeammate } from './support/teammate';

async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The inbox acceptance path of issue #3: a message arrives live in Unassigned, the owner assigns it to
 * themself, replies with a snippet whose variable is substituted before the channel gets it, closes with a
 * closing note, reads the inbox in Spanish; an assigned-only agent never sees that conversation.
 */
describe('inbox acceptance', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;
  const channel = { secret: '', webhookUrl: '' };
  let anaConversation = 0;

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    page = await openPage(browser, server.baseUrl, 'en-US');
    await signInInEnglish(page, server.ownerEmail, server.ownerPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('sets up a channel, a snippet and required closing notes in Settings', async () => {
    await page.goto('/w/demo/settings/channels');
    await page.getByLabel('Channel name').fill('Web shop');
    await page.getByLabel('Callback URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Create channel' }).click();
    channel.secret = (await page.getByTestId('channel-secret').textContent()) ?? '';
    channel.webhookUrl = (await page.getByTestId('channel-webhook-url').textContent()) ?? '';
    await page.getByRole('button', { name: "I've saved it" }).click();

    await page.getByRole('link', { name: 'Snippets', exact: true }).click();
    await page.getByLabel('Shortcut').fill('greet');
    await page.getByLabel('Text', { exact: true }).fill('Hi $contact.firstname, how can I help?');
    await page.getByRole('button', { name: 'Create snippet' }).click();
    await page.getByText('/greet').waitFor();

    await page.getByRole('link', { name: 'Closing notes', exact: true }).click();
    await page.getByLabel('When closing').selectOption('required');
    await page.getByLabel('New category').fill('Sale');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
  });

  it('shows a new message live in Unassigned, without a reload', async () => {
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await page.getByRole('button', { name: /^Unassigned/ }).click();
    await page.locator('main[data-realtime="connected"]').waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('data-test-no-reload', 'yes'));
    const status = await postCustomMessage(channel.webhookUrl, channel.secret, {
      id: 'ana-1',
      sender: { id: 'ana', name: 'Ana Pérez' },
      text: 'Do you ship to Monterrey?',
    });
    expect(status).toBe(200);
    const row = page.getByRole('link', { name: /Ana Pérez/ });
    await row.waitFor();
    expect(await page.locator('html').getAttribute('data-test-no-reload')).toBe('yes');
    await row.click();
    anaConversation = Number(page.url().match(/messages\/(\d+)/)?.[1]);
    expect(anaConversation).toBeGreaterThan(0);
  });

  it('assigns the conversation to oneself', async () => {
    await page.getByLabel('Assign to').selectOption({ label: 'Demo Owner' });
    await page.locator('.conversation-row', { hasText: 'Ana Pérez' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Mine/ }).click();
    await page.locator('.conversation-row', { hasText: 'Assigned to Demo Owner' }).waitFor();
  });

  it('replies with a snippet whose $contact.firstname reaches the channel substituted', async () => {
    const composer = page.getByLabel('Reply', { exact: true });
    await composer.fill('/gre');
    await page.getByRole('option', { name: /\/greet/ }).waitFor();
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('Hi $contact.firstname, how can I help?');
    expect(await page.getByTestId('variable-preview').textContent()).toContain('Hi Ana, how can I help?');
    await composer.press('Enter');
    await eventually(
      () => receiver.received.some((body) => (body as { text?: string }).text === 'Hi Ana, how can I help?'),
      'the substituted reply at the callback',
    );
    await page.locator('.message-out[data-status="sent"]', { hasText: 'Hi Ana, how can I help?' }).waitFor();
  });

  it('closes the conversation with a closing note', async () => {
    await page.getByRole('button', { name: 'Close conversation' }).click();
    const form = page.getByRole('form', { name: 'Close conversation' });
    await form.getByLabel('Category').selectOption('Sale');
    await form.getByLabel('Summary').fill('Shipping quote sent');
    await form.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.conversation-subtitle', { hasText: 'Closed as Sale — Shipping quote sent' }).waitFor();
    await saveScreenshot(page, 'inbox-closed');
  });

  it('switches the interface to Spanish', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('button', { name: 'Español', exact: true }).click();
    await page.getByRole('link', { name: 'Mensajes', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Mías/ }).waitFor();
    await page.getByRole('button', { name: /^Sin asignar/ }).waitFor();
    await page.getByText('Cerrada', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Reabrir' }).waitFor();
    await page.getByLabel('Respuesta', { exact: true }).waitFor();
  });

  it('an assigned-only agent sees neither another agent’s conversation in the list, by URL, nor over the socket', async () => {
    const email = 'agent.assigned@example.com';
    await addTeammate(page, server, {
      email,
      name: 'Agent Asignada',
      password: 'agent-password-1',
      role: 'agent',
      accessLevel: 'assigned',
    });
    // Reopen Ana's conversation so it is live, still the owner's.
    expect((await apiAs(page, 'POST', `/api/w/demo/conversations/${anaConversation}/reopen`, {})).status).toBe(200);

    const agentPage = await openPage(browser, server.baseUrl, 'en-US');
    await signInInEnglish(agentPage, email, 'agent-password-1');
    await agentPage.locator('main[data-realtime="connected"]').waitFor();
    const cookie = (await agentPage.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const heard: string[] = [];
    const socket = io(server.baseUrl, {
      extraHeaders: { cookie },
      auth: { workspace: 'demo' },
      transports: ['websocket'],
    });
    socket.onAny((event, payload) => heard.push(`${event} ${JSON.stringify(payload)}`));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });

    for (const view of ['All', 'Mine', 'Unassigned']) {
      await agentPage.getByRole('button', { name: new RegExp(`^${view}`) }).click();
      await agentPage.getByText(/No open conversations in this view/).waitFor();
    }
    expect(await agentPage.getByText('Ana Pérez').count()).toBe(0);

    await postCustomMessage(channel.webhookUrl, channel.secret, {
      id: 'ana-2',
      sender: { id: 'ana', name: 'Ana Pérez' },
      text: 'secret follow-up',
    });
    await page.locator('.message-in', { hasText: 'secret follow-up' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard.filter((h) => h.includes('Ana') || h.includes('secret follow-up'))).toEqual([]);
    expect(await agentPage.getByText('Ana Pérez').count()).toBe(0);

    await agentPage.goto(`/w/demo/messages/${anaConversation}`);
    await agentPage.getByText("We couldn't find what you're looking for.").waitFor();
    expect(await agentPage.getByText('secret follow-up').count()).toBe(0);
    socket.close();
    await agentPage.context().close();
  });
});
