import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { isBlockedAddress } from '../../lib/private-address';
import { invalid } from '../../http/errors';
import { ChannelError } from '../types';
import type { EmailConfig } from './schema';

/** The ports mail servers listen on: IMAP (143 STARTTLS, 993 TLS) and SMTP (25, 465, 587, 2525). */
const MAIL_PORTS = { imap: [143, 993], smtp: [25, 465, 587, 2525] } as const;

/** Where a mail connection goes: the address it was checked at, and the name its certificate must carry. */
export interface MailTarget {
  address: string;
  servername: string;
}

/**
 * Checks one configured mail server before anything connects to it (a refusal is the settings' 400,
 * not a server's answer), for the settings that take a host
 * from an owner or manager ("Test connection", creating the channel): without this, the server's answer
 * ("connection refused", a banner) would let them probe the private network. A host in
 * CHARLA_ALLOW_PRIVATE_HOSTS may be private and use any port; any other must use a mail port and resolve
 * to a public address. The caller connects to the address checked here (not the name again), so the name
 * cannot be re-pointed between the check and the connection.
 */
export async function checkMailServer(
  kind: 'imap' | 'smtp',
  server: { host: string; port: number },
  allowHosts: string[],
): Promise<MailTarget> {
  const host = server.host.replace(/^\[|\]$/g, '').toLowerCase();
  const label = kind.toUpperCase();
  const allowed = allowHosts.includes(host);
  const ports: readonly number[] = MAIL_PORTS[kind];
  if (!allowed && !ports.includes(server.port))
    throw invalid(
      'mail_port_not_allowed',
      `${label} port ${server.port} is not allowed: use ${ports.slice(0, -1).join(', ')} or ${ports.at(-1)}`,
      { server: kind, port: server.port, allowedPorts: ports },
    );
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new ChannelError('unknown_host', `${label}: the host ${server.host} does not exist`, false);
  }
  const usable = allowed ? addresses : addresses.filter((a) => !isBlockedAddress(a));
  if (usable.length === 0)
    throw invalid(
      'mail_host_private',
      `${label}: ${server.host} is a private or local address, which Charla does not connect to`,
      { server: kind, host: server.host },
    );
  return { address: usable[0]!, servername: host };
}

/** Both servers of an email channel, checked (see checkMailServer). */
export async function checkMailServers(config: EmailConfig, allowHosts: string[]) {
  return {
    imap: await checkMailServer('imap', config.imap, allowHosts),
    smtp: await checkMailServer('smtp', config.smtp, allowHosts),
  };
}
