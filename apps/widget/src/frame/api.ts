/** The widget API of this channel (same origin as the iframe), authenticated by the visitor token. */
export interface ApiResult<T> {
  ok: boolean;
  status: number;
  data: T & { code?: string; message?: string; fields?: Record<string, string> };
}

export class WidgetApi {
  token = '';
  constructor(private readonly channel: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const isForm = body instanceof FormData;
    const res = await fetch(`/api/widget/${this.channel}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'omit',
    });
    const data = await res.json().catch(() => ({}));
    if (res.ok && typeof data.token === 'string') this.token = data.token;
    return { ok: res.ok, status: res.status, data };
  }
}
