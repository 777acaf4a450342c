import type { OutgoingMessage } from './types';

/**
 * What the widget keeps in this browser (the iframe's localStorage, partitioned per site by browsers):
 * the visitor token (same conversation across reloads), messages not yet acknowledged, and the last reply
 * seen (for the unread badge).
 */
export class VisitorStorage {
  constructor(private readonly channel: string) {}

  private key = (name: string) => `charla:${this.channel}:${name}`;

  private get(name: string): string | null {
    try {
      return localStorage.getItem(this.key(name));
    } catch {
      return null; // storage blocked: the widget still works for this page view
    }
  }

  private set(name: string, value: string | null) {
    try {
      if (value === null) localStorage.removeItem(this.key(name));
      else localStorage.setItem(this.key(name), value);
    } catch {
      // storage blocked or full
    }
  }

  get token() {
    return this.get('token') ?? '';
  }
  set token(value: string) {
    this.set('token', value || null);
  }

  get outbox(): OutgoingMessage[] {
    try {
      return JSON.parse(this.get('outbox') ?? '[]') as OutgoingMessage[];
    } catch {
      return [];
    }
  }
  set outbox(items: OutgoingMessage[]) {
    this.set('outbox', items.length ? JSON.stringify(items) : null);
  }

  get lastSeen(): number {
    return Number(this.get('seen') ?? 0);
  }
  set lastSeen(id: number) {
    this.set('seen', String(id));
  }

  clear() {
    for (const name of ['token', 'outbox', 'seen']) this.set(name, null);
  }
}

export const newClientId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
