import type { Page } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiOk } from './api';

/** The `X-Charla-Signature` value of a raw body: `sha256=<hex HMAC-SHA256 keyed with the channel secret>`. */
export function signCustomBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Sends an inbound message to a custom channel's webhook, as an integrator would; returns the HTTP status. */
export async function postCustomMessage(webhookUrl: string, secret: string, payload: unknown): Promise<number> {
  const rawBody = JSON.stringify(payload);
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-charla-signature': signCustomBody(secret, rawBody) },
    body: rawBody,
  });
  await response.arrayBuffer();
  return response.status;
}

export interface CallbackReceiver {
  url: string;
  /** The JSON bodies Charla POSTed, in order. */
  received: unknown[];
  close(): Promise<void>;
}

/** The integrator's side of a custom channel: a local endpoint that accepts Charla's replies with 200. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      try {
        received.push(JSON.parse(body));
      } catch {
        received.push(body);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `integrator-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/charla/callback`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Creates a custom channel ("Shop") in the demo workspace through the API, replying to `callbackUrl`. */
export async function createShopChannel(
  page: Page,
  callbackUrl: string,
  name = 'Shop',
): Promise<{ webhookUrl: string; secret: string }> {
  const created = await apiOk<{ channel: { webhookUrl: string }; secret: string }>(page, 'POST', '/w/demo/channels', {
    type: 'custom',
    name,
    config: { callbackUrl },
  });
  return { webhookUrl: created.channel.webhookUrl, secret: created.secret };
}
