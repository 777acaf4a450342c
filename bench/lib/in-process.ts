import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { boot } from '../../apps/server/src/boot';
import { type Config, loadConfig } from '../../apps/server/src/config/env';
import { freshDatabase } from './server';

/**
 * The server library booted in this process, on a fresh embedded database in a temporary directory or on a
 * fresh database of a loopback PostgreSQL server (`database`); `close` stops it and removes both.
 */
export async function bootInProcess(
  name: string,
  opts: { database?: string; work: boolean; config?: Partial<Config> },
) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `charla-bench-${name}-`));
  const db = opts.database ? await freshDatabase(opts.database) : null;
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      CHARLA_DATA_DIR: workDir,
      LOG_LEVEL: 'warn',
    }),
    databaseUrl: db?.url,
    ...opts.config,
  };
  const rt = await boot(config, { work: opts.work, logger: pino({ level: 'warn' }) });
  const backend = db ? `PostgreSQL (fresh database ${db.name})` : 'embedded PGlite';
  return {
    rt,
    /** What the figures were measured on, for the first line of a bench's output. */
    machine: `${backend}, ${os.cpus().length} CPUs (load average ${os.loadavg()[0]!.toFixed(2)}), node ${process.version}`,
    async close() {
      await rt.close();
      await db?.drop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
