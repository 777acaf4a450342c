import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { type CallbackReceiver, createShopChannel, postCustomMessage, startCallbackReceiver } from './customChannel';
import { type RunningServer, startServer } from './server';
import { signInInSpanish } from './signIn';

/**
 * A server, the owner signed in (in Spanish) and one custom channel whose replies a local receiver records:
 * what a workflow test needs to play a contact writing in and read what the workflow answers.
 */
export async function startCustomChannelWorld(channelName: string) {
  const [server, browser, receiver]: [RunningServer, Browser, CallbackReceiver] = await Promise.all([
    startServer(),
    launchBrowser(),
    startCallbackReceiver(),
  ]);
  const page: Page = await openPage(browser, server.baseUrl, 'es-ES');
  await signInInSpanish(page, server.ownerEmail, server.ownerPassword);
  const channel = await createShopChannel(page, receiver.url, channelName);
  let seq = 0;
  return {
    server,
    page,
    /** The texts Charla sent to the contact with this external id, in order. */
    sentTo: (id: string) =>
      (receiver.received as { recipient?: { id: string }; text?: string }[])
        .filter((body) => body.recipient?.id === id)
        .map((body) => body.text ?? ''),
    /** The contact writes in; returns the webhook's HTTP status. */
    write: (sender: { id: string; name: string }, text: string) =>
      postCustomMessage(channel.webhookUrl, channel.secret, { id: `${sender.id}-${++seq}`, sender, text }),
    async close() {
      await browser.close();
      await receiver.close();
      await server.stop();
    },
  };
}
export type CustomChannelWorld = Awaited<ReturnType<typeof startCustomChannelWorld>>;

/** Polls a synchronous check (e.g. on what the receiver recorded) until it holds. */
export async function eventually(check: () => boolean, what: () => string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
