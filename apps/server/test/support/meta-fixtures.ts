import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
