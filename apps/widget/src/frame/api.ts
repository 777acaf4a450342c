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
    const sent = this.token;
    const res = await fetch(`/api/widget/${this.channel}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(sent ? { authorization: `Bearer ${sent}` } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'omit',
    });
    const data = await res.json().catch(() => ({}));
    // Only an answer to the visitor we still are may renew the token: a slow answer from before an
    // identify or reset must not bring the old visitor back.
    if (res.ok && typeof data.token === 'string' && this.token === sent) this.token = data.token;
    return { ok: res.ok, status: res.status, data };
  }
}
