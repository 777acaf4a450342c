import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Addresses a request to a customer-supplied URL must not reach (SSRF): loopback, private, link-local… */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export class BlockedTargetError extends Error {
  readonly code = 'blocked_target';
}

export const isBlockedAddress = (ip: string) => blocked.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');

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
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = req.allowHosts.includes(host);
  const lookup = (
    hostname: string,
    options: object,
    cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, '');
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isBlockedAddress(a.address));
      if (bad && !allowed)
        return cb(new BlockedTargetError(`${hostname} resolves to a private address (${bad.address})`), '');
      if ((options as { all?: boolean }).all) return cb(null, list);
      cb(null, list[0]!.address, list[0]!.family);
    });
  };
  if (isIP(host) && isBlockedAddress(host) && !allowed)
    return Promise.reject(new BlockedTargetError(`${host} is a private address`));
  const max = req.maxBytes ?? 1024 * 1024;
  return new Promise((resolve, reject) => {
    const r = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: req.method, headers: req.headers, lookup, timeout: req.timeoutMs },
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
