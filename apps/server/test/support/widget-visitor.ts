import { randomUUID } from 'node:crypto';

export const SITE = 'https://shop.example';

/** A web chat visitor speaking the widget API as the iframe does (Origin = a listed site here). */
export class WidgetVisitor {
  token = '';
  constructor(
    readonly baseUrl: string,
    readonly channelId: number,
    readonly origin = SITE,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.baseUrl}/api/widget/${this.channelId}${path}`, {
      method,
      headers: {
        origin: this.origin,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (res.ok && typeof json?.token === 'string') this.token = json.token;
    return { status: res.status, json, text };
  }

  start(hostOrigin = SITE) {
    return this.call('POST', '/session', { token: this.token || undefined, hostOrigin });
  }

  say(text: string, clientId: string = randomUUID()) {
    return this.call('POST', '/messages', { clientId, text });
  }
}
