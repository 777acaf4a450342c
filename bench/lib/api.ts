/** A minimal logged-in API client (session cookie + CSRF token), enough to set a bench up and watch it. */
export class ApiSession {
  private cookies = new Map<string, string>();
  private csrf = '';

  private constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const s = new ApiSession(baseUrl);
    const res = await s.raw('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: HTTP ${res.status} ${await res.text()}`);
    const csrf = await s.raw('GET', '/api/auth/csrf');
    s.csrf = ((await csrf.json()) as { token: string }).token;
    return s;
  }

  private async raw(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async createCustomChannel(workspace: string, name: string): Promise<{ id: number; secret: string }> {
    const r = await this.json<{ channel: { id: number }; secret: string }>('POST', `/api/w/${workspace}/channels`, {
      type: 'custom',
      name,
      config: {},
    });
    return { id: r.channel.id, secret: r.secret };
  }

  /**
   * Inbound messages stored for the channel's contacts: the sum of the unread counts of their open
   * conversations (each stored inbound message adds one; nobody reads them during a bench).
   */
  async storedInbound(workspace: string, channelId: number): Promise<number> {
    const r = await this.json<{ items: { unreadCount: number; lastChannel: { id: number } | null }[] }>(
      'GET',
      `/api/w/${workspace}/conversations?view=all&status=open&limit=500`,
    );
    return r.items.filter((c) => c.lastChannel?.id === channelId).reduce((n, c) => n + c.unreadCount, 0);
  }
}
