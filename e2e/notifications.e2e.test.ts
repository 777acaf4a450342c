import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk, signInInEnglish } from './support/api';
import { launchBrowser, openPage } from './support/browser';
import {
  type CallbackReceiver,
  createShopChannel,
  postCustomMessage,
  startCallbackReceiver,
} from './support/customChannel';
import { type RunningServer, startServer } from './support/server';
import { addTeammate } from './support/teammate';

interface Recorded {
  notifications: { title: string; body: string | undefined }[];
  sounds: number;
}

/**
 * Records what the app asks of the browser: every `Notification` constructed (the real one still runs) and
 * every WebAudio oscillator started (the chime). Nothing is stubbed server-side.
 */
const recorder = () => {
  const alerts = { notifications: [] as unknown[], instances: [] as Notification[], sounds: 0 };
  (window as unknown as { __alerts: typeof alerts }).__alerts = alerts;
  const Real = window.Notification;
  class RecordedNotification extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      alerts.notifications.push({ title, body: options?.body });
      alerts.instances.push(this);
    }
  }
  Object.defineProperty(RecordedNotification, 'permission', { get: () => Real.permission });
  window.Notification = RecordedNotification;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
    alerts.sounds++;
    return start.apply(this, args);
  };
};

const recorded = (page: Page) =>
  page.evaluate(() => {
    const { notifications, sounds } = (window as unknown as { __alerts: Recorded }).__alerts;
    return { notifications, sounds };
  });

async function until(page: Page, check: (r: Recorded) => boolean, what: string): Promise<Recorded> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await recorded(page);
    if (check(r)) return r;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Issue #3: browser and sound notifications for new messages, with the preference stored per user. */
describe('browser and sound notifications', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: CallbackReceiver;
  let page: Page;
  const channel = { webhookUrl: '', secret: '' };
  const write = (id: string, sender: string, text: string) =>
    postCustomMessage(channel.webhookUrl, channel.secret, { id, sender: { id: sender, name: sender }, text });

  beforeAll(async () => {
    [server, browser, receiver] = await Promise.all([startServer(), launchBrowser(), startCallbackReceiver()]);
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    await context.grantPermissions(['notifications'], { origin: server.baseUrl });
    await context.addInitScript(recorder);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInInEnglish(page, server.ownerEmail, server.ownerPassword);
    Object.assign(channel, await createShopChannel(page, receiver.url));
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('turns browser notifications on from the user menu; the choice is stored for the user', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    const browserToggle = page.getByRole('checkbox', { name: 'Browser notifications' });
    expect(await browserToggle.isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Sound' }).isChecked()).toBe(true);
    // A click, not check(): the box follows the server's answer, a moment later.
    await browserToggle.click();
    await page.getByRole('checkbox', { name: 'Browser notifications', checked: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('checkbox', { name: 'Browser notifications', checked: true }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('a new message notifies with its plain text and a chime; clicking the notification opens the conversation', async () => {
    await page.locator('main[data-realtime="connected"]').waitFor();
    expect(await write('m1', 'Ana Pérez', '<b>¿Envían</b> a Monterrey?')).toBe(200);
    const r = await until(page, (x) => x.notifications.length === 1 && x.sounds === 1, 'the first alert');
    expect(r.notifications[0]).toEqual({ title: 'New message from Ana Pérez', body: '<b>¿Envían</b> a Monterrey?' });

    await page.evaluate(() =>
      (window as unknown as { __alerts: { instances: Notification[] } }).__alerts.instances[0]!.dispatchEvent(
        new Event('click'),
      ),
    );
    await page.waitForURL(/\/w\/demo\/messages\/\d+$/);
    await page.getByRole('heading', { name: 'Ana Pérez' }).waitFor();
  });

  it('stays quiet for the conversation open and focused, not for another one', async () => {
    await page.bringToFront();
    expect(await page.evaluate(() => document.hasFocus())).toBe(true);
    expect(await write('m2', 'Ana Pérez', 'Also to Puebla')).toBe(200);
    await page.locator('.message-in', { hasText: 'Also to Puebla' }).waitFor();
    expect(await write('m3', 'Beto Ruiz', 'Hello')).toBe(200);
    const r = await until(page, (x) => x.notifications.length === 2, 'the alert for Beto');
    expect(r.notifications.map((n) => n.title)).toEqual(['New message from Ana Pérez', 'New message from Beto Ruiz']);
    expect(r.sounds).toBe(2);
  });

  it('with sound turned off there is a notification but no chime', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('checkbox', { name: 'Sound' }).click();
    await page.getByRole('checkbox', { name: 'Sound', checked: false }).waitFor();
    await page.keyboard.press('Escape');
    expect(await write('m4', 'Carla Soto', 'Hi there')).toBe(200);
    const r = await until(page, (x) => x.notifications.length === 3, 'the alert for Carla');
    expect(r.notifications[2]!.title).toBe('New message from Carla Soto');
    expect(r.sounds).toBe(2);
  });

  it('a teammate assigning a conversation to the user notifies with their name (in the bell too)', async () => {
    await addTeammate(page, server, {
      email: 'sofia@example.com',
      name: 'Sofía Vega',
      password: 'sofia-password-1',
      role: 'agent',
      accessLevel: 'all',
    });
    const conversationId = Number(page.url().match(/messages\/(\d+)/)?.[1]);
    const me = await apiOk<{ user: { id: number } }>(page, 'GET', '/me');
    // A fresh page load: the recorder starts again from nothing.
    await page.goto('/w/demo/messages');
    await page.locator('main[data-realtime="connected"]').waitFor();

    const sofia = await openPage(browser, server.baseUrl, 'en-US');
    await signInInEnglish(sofia, 'sofia@example.com', 'sofia-password-1');
    await apiOk(sofia, 'POST', `/w/demo/conversations/${conversationId}/assign`, { userId: me.user.id, teamId: null });

    const r = await until(page, (x) => x.notifications.length === 1, 'the assignment alert');
    expect(r.notifications).toEqual([
      { title: 'Sofía Vega assigned you the conversation with Ana Pérez', body: 'Ana Pérez' },
    ]);
    expect(r.sounds).toBe(0); // sound is still off
    await page.getByTestId('notification-count').waitFor();
    await sofia.context().close();
  });
});
