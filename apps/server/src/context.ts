import type { Logger } from 'pino';
import type { ChannelRegistry } from './channels/registry';
import type { Config } from './config/env';
import type { DatabaseHandle, Db } from './db/client';
import type { EventBus } from './events/bus';
import type { JobQueue } from './jobs/queue';
import type { SecretBox } from './lib/crypto';
import type { WindowCounter } from './lib/window-counter';
import type { FileStorage } from './modules/files/storage';
import type { Mailer } from './modules/mail/mailer';
import type { Realtime } from './realtime/server';

/** Everything a module needs, built once at start (see `boot.ts`) and passed explicitly. */
export interface Ctx {
  config: Config;
  log: Logger;
  dbh: DatabaseHandle;
  db: Db;
  jobs: JobQueue;
  events: EventBus;
  secrets: SecretBox;
  storage: FileStorage;
  channels: ChannelRegistry;
  realtime: Realtime;
  mailer: Mailer;
  /** Rate-limit counters: Redis when REDIS_URL is set (shared by processes), else in memory. */
  counters: WindowCounter;
  /** The public base URL (PUBLIC_URL, or http://localhost:<bound port>). */
  publicUrl(): string;
}
