import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import {
  createDatabaseFromTemplate,
  dropDatabase,
  seedPgliteDataDir,
} from '../../apps/server/test/support/db-template';

export interface RunningServer {
  baseUrl: string;
  ownerEmail: string;
  ownerPassword: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer GET /health with 200 within 90 s:\n${output()}`);
}

/**
 * Starts the real server (`charla start`) on a free port with a fresh data dir, and on a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set (embedded PGlite otherwise), both copied from the
 * migrated template. On first start the server creates the workspace `demo` owned by the returned owner.
 */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const ownerEmail = 'owner@example.com';
  const ownerPassword = 'correct-horse-battery';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'charla-e2e-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  // Both backends start from the migrated template (apps/server/test/support/db-template.ts).
  const databaseUrl = adminUrl ? await createDatabaseFromTemplate(adminUrl, 'charla_e2e') : null;
  if (!databaseUrl) await seedPgliteDataDir(dataDir);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    CHARLA_DATA_DIR: dataDir,
    CHARLA_OWNER_EMAIL: ownerEmail,
    CHARLA_OWNER_PASSWORD: ownerPassword,
    // Info level: without SMTP the server logs every email, and tests read links from there.
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;

  const child = spawn(process.execPath, ['apps/server/bin/charla.mjs', 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const output = () => printed;

  async function stop(): Promise<void> {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killed);
    }
    await rm(dataDir, { recursive: true, force: true });
    if (adminUrl && databaseUrl) await dropDatabase(adminUrl, databaseUrl);
  }

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, ownerEmail, ownerPassword, output, stop };
}
