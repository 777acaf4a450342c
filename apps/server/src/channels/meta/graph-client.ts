import { request } from 'undici';
import { ChannelError } from '../types';
import { graphHttpError } from './errors';

/**
 * Calls the Graph API under the channel's versioned base URL. The token goes in the Authorization header,
 * never in the query string, so it cannot end up in a logged URL. Failures become ChannelErrors
 * (network errors retryable, Graph errors mapped by code).
 */
export async function graphCall<T>(
  baseUrl: string,
  token: string,
  path: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      headers: {
        authorization: `Bearer ${token}`,
        'user-agent': 'Charla',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      headersTimeout: 20_000,
      bodyTimeout: 20_000,
    });
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
  const text = await res.body.text().catch(() => '');
  if (res.statusCode < 200 || res.statusCode >= 300) {
    const retryAfter = res.headers['retry-after'];
    throw graphHttpError(res.statusCode, text, typeof retryAfter === 'string' ? retryAfter : null);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ChannelError('bad_response', `Graph answered ${res.statusCode} with a body that is not JSON`, true);
  }
}

/** Checks the credentials at channel creation: the configured account must be readable with the token. */
export async function checkGraphObject(baseUrl: string, token: string, objectId: string): Promise<void> {
  const found = await graphCall<{ id?: string }>(baseUrl, token, `${encodeURIComponent(objectId)}?fields=id`);
  if (String(found.id ?? '') !== objectId)
    throw new ChannelError('wrong_account', `The token does not give access to ${objectId}`, false);
}
