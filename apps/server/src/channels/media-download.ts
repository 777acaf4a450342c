import { Agent, interceptors, request } from 'undici';
import { ChannelError, type FetchedMedia } from './types';

/** Inbound media larger than this is refused while streaming, before it fills memory. */
export const MEDIA_DOWNLOAD_LIMIT = 25 * 1024 * 1024;

const followRedirects = new Agent().compose(interceptors.redirect({ maxRedirections: 5 }));

/**
 * GETs provider media (following redirects, as Graph and Twilio media URLs redirect to a CDN). 429/5xx
 * and network errors are retryable; other 4xx are final. Adapters pass their auth headers.
 */
export async function downloadMedia(
  url: string,
  headers: Record<string, string> = {},
  limit = MEDIA_DOWNLOAD_LIMIT,
): Promise<FetchedMedia> {
  if (!/^https?:\/\//i.test(url)) throw new ChannelError('bad_media_url', `Not an http(s) URL: ${url}`, false);
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      dispatcher: followRedirects,
      headers: { 'user-agent': 'Charla', ...headers },
      headersTimeout: 30_000,
      bodyTimeout: 60_000,
    });
  } catch (err) {
    throw new ChannelError('network_error', (err as Error).message, true);
  }
  if (res.statusCode >= 400) {
    const body = (await res.body.text().catch(() => '')).slice(0, 300);
    const retryAfter = Number.parseInt(String(res.headers['retry-after'] ?? ''), 10);
    throw new ChannelError(
      String(res.statusCode),
      body || `HTTP ${res.statusCode} fetching media`,
      res.statusCode === 429 || res.statusCode >= 500 || res.statusCode === 408,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.body.destroy();
      throw new ChannelError('too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB`, false);
    }
    chunks.push(chunk as Buffer);
  }
  const type = res.headers['content-type'];
  const disposition = String(res.headers['content-disposition'] ?? '');
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return {
    bytes: Buffer.concat(chunks),
    mime: typeof type === 'string' ? type.split(';')[0]!.trim() : undefined,
    name: name ? decodeURIComponent(name) : undefined,
  };
}
