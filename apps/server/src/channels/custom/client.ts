import { request } from 'undici';
import { ChannelError } from '../types';

/** POSTs JSON and returns status, text body and Retry-After; network failures become retryable errors. */
export async function postJson(url: string, body: string, headers: Record<string, string>) {
  try {
    const res = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Charla', ...headers },
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    const text = await res.body.text();
    const retryAfter = res.headers['retry-after'];
    return { status: res.statusCode, text, retryAfter: typeof retryAfter === 'string' ? retryAfter : null };
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
}
