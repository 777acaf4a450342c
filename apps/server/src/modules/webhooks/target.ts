import dns from 'node:dns';
import net from 'node:net';
import { invalid } from '../../http/errors';

/** Loopback, private, link-local, unspecified, carrier-grade NAT, multicast and reserved addresses. */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Checks a subscription URL: http(s), and not aimed at a private network unless its host is allow-listed. */
export async function assertWebhookTarget(raw: string, allowHosts: string[]): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('invalid_url', 'The webhook URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('invalid_url', 'Use an http or https URL');
  const host = hostOf(url);
  if (allowHosts.includes(host)) return;
  const addresses = net.isIP(host)
    ? [host]
    : (await dns.promises.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw invalid('unresolvable_url', 'The webhook URL host does not resolve');
  if (addresses.some(isBlockedAddress)) {
    throw invalid('private_url', 'Webhook URLs may not point at private, loopback or link-local addresses');
  }
}

/**
 * A `lookup` for the HTTP client that refuses blocked addresses at connection time, so a host that
 * resolved to a public address when the webhook was saved cannot be re-pointed at the private network.
 */
export function guardedLookup(allowHosts: string[]) {
  return (hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as dns.LookupAddress[];
      const allowed = allowHosts.includes(hostname.toLowerCase());
      const usable = allowed ? list : list.filter((a) => !isBlockedAddress(a.address));
      if (usable.length === 0) return callback(new Error(`blocked_target: ${hostname} resolves to a private address`));
      if (options.all) return callback(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Whether a literal-IP URL host is blocked (DNS lookups are skipped for IPs, so they are checked here). */
export function blockedLiteral(raw: string, allowHosts: string[]): boolean {
  const host = hostOf(new URL(raw));
  return net.isIP(host) !== 0 && !allowHosts.includes(host) && isBlockedAddress(host);
}
