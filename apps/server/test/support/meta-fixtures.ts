import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signMetaBody } from '../../src/channels/meta/signature';

const channelsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/channels');

export type MetaChannel = 'whatsapp' | 'messenger' | 'instagram';

/** Reads a provider fixture copied next to its adapter (`src/channels/<channel>/fixtures/<name>`). */
export function readFixture(channel: MetaChannel, name: string): Buffer {
  return fs.readFileSync(path.join(channelsDir, channel, 'fixtures', name));
}

/** A fixture parsed as JSON, for tests that adapt a payload (ids, URLs) before sending it. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are provider payloads navigated freely in tests
export const fixtureJson = <T = any>(channel: MetaChannel, name: string): T =>
  JSON.parse(readFixture(channel, name).toString('utf8')) as T;

/** POSTs a webhook body to a Meta channel, signed with the app secret as Meta does (or wrongly). */
export async function postMetaWebhook(
  baseUrl: string,
  channel: { id: number; type: string },
  appSecret: string,
  body: Buffer | string | object,
  opts: { badSignature?: boolean } = {},
) {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return fetch(`${baseUrl}/webhooks/${channel.type}/${channel.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaBody(opts.badSignature ? `${appSecret}x` : appSecret, raw),
    },
    body: raw,
  });
}
