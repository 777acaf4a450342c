import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { boot, type Runtime } from '../../src/boot';
import { type Config, loadConfig } from '../../src/config/env';
import { testDatabase } from './database';
import { pgliteTemplateDump } from './db-template';

export interface TestRuntime extends Runtime {
  url: string;
  dataDir: string;
}

/**
 * A real Charla server for one test file: real database (PGlite in memory, or PostgreSQL when
 * TEST_DATABASE_URL is set), real job workers, listening on a loopback port.
 */
export async function startTestRuntime(
  overrides: Partial<Config> = {},
  opts: { work?: boolean } = {},
): Promise<TestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charla-test-'));
  const db = await testDatabase();
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', CHARLA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    databaseUrl: db.databaseUrl,
    ...overrides,
  };
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const rt = await boot(config, {
    logger,
    inMemory: !db.databaseUrl,
    loadDataDir: db.databaseUrl ? undefined : await pgliteTemplateDump(),
    work: opts.work,
  });
  const url = await rt.listen();
  return {
    ...rt,
    url,
    dataDir,
    async close() {
      await rt.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (jobs run asynchronously). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
