import http from 'node:http';
import https from 'node:https';
import { BlockedTargetError, blockedLiteral, guardedLookup } from './private-address';

export { BlockedTargetError };

export interface PublicRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Hosts allowed although private (CHARLA_ALLOW_PRIVATE_HOSTS). */
  allowHosts: string[];
  maxBytes?: number;
}

export interface PublicResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * An HTTP(S) request to a URL someone typed. The address check runs in the socket's DNS lookup, on the
 * address actually connected to, so a name that resolves to a private address (or re-resolves to one
 * between a check and the connect) is refused unless its host was allow-listed.
 */
export function requestPublic(req: PublicRequest): Promise<PublicResponse> {
  const url = new URL(req.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new BlockedTargetError(`only http and https URLs are allowed, not ${url.protocol}`));
  if (blockedLiteral(req.url, req.allowHosts))
    return Promise.reject(new BlockedTargetError(`${url.hostname} is a private address`));
  const lookup = guardedLookup(req.allowHosts);
  const max = req.maxBytes ?? 1024 * 1024;
  return new Promise((resolve, reject) => {
    const r = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: req.method, headers: req.headers, lookup: lookup as never, timeout: req.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) {
            res.destroy(new Error(`response larger than ${max} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no response within ${req.timeoutMs} ms`)));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
