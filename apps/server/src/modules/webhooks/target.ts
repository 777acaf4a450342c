import dns from 'node:dns';
import net from 'node:net';
import { invalid } from '../../http/errors';
import { blockedLiteral, guardedLookup, isBlockedAddress } from '../../lib/private-address';

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

export { blockedLiteral, guardedLookup, isBlockedAddress };
