import dns from 'node:dns';
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
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

export function isBlockedAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is the IPv4 address it maps.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  return blocked.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * A socket `lookup` that never yields a blocked address (unless the host is allow-listed): the check runs
 * on the address actually connected to, so a name cannot be re-pointed at the private network between a
 * check and the connect. Fails when every address is blocked.
 */
export function guardedLookup(allowHosts: string[]) {
  return (hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as dns.LookupAddress[];
      const allowed = allowHosts.includes(hostname.toLowerCase());
      const usable = allowed ? list : list.filter((a) => !isBlockedAddress(a.address));
      if (usable.length === 0)
        return callback(new BlockedTargetError(`${hostname} resolves to a private address (${list[0]?.address})`));
      if (options.all) return callback(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Whether a literal-IP URL host is blocked (sockets skip the lookup for IPs, so they are checked here). */
export function blockedLiteral(raw: string, allowHosts: string[]): boolean {
  const host = hostOf(new URL(raw));
  return isIP(host) !== 0 && !allowHosts.includes(host) && isBlockedAddress(host);
}

export class BlockedTargetError extends Error {
  readonly code = 'blocked_target';
}
