import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHARLA_BIN = path.join(ROOT, 'apps/server/bin/charla.mjs');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The bench never talks to anything but this machine. */
export function assertLoopback(url: string, what: string): URL {
  const u = new URL(url);
  if (!LOOPBACK.has(u.hostname)) throw new Error(`${what} must be on loopback (127.0.0.1/localhost), got ${u.host}`);
  return u;
}

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `charla start` on loopback (port 0) and resolves with its URL once it prints
 * "Charla is running at …". Its output goes to `logFile`.
 */
export async function spawnServer(opts: {
  dataDir: string;
  databaseUrl?: string;
  ownerEmail: string;
  ownerPassword: string;
  logLevel: string;
  logFile: string;
  noWorker?: boolean;
  /** Extra environment for the server (e.g. DATABASE_POOL_SIZE). */
  env?: Record<string, string>;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<SpawnedServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'PUBLIC_URL', 'PORT', 'HOST', 'REDIS_URL', 'SMTP_URL']) delete env[k];
  Object.assign(env, {
    PORT: '0',
    HOST: '127.0.0.1',
    CHARLA_DATA_DIR: opts.dataDir,
    CHARLA_OWNER_EMAIL: opts.ownerEmail,
    CHARLA_OWNER_PASSWORD: opts.ownerPassword,
    LOG_LEVEL: opts.logLevel,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
  const log = fs.createWriteStream(opts.logFile);
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), CHARLA_BIN, 'start', ...(opts.noWorker ? ['--no-worker'] : [])],
    { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(opts.dataDir) },
  );
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let head = '';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms; see ${opts.logFile}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      if (head.length > 64 * 1024) return;
      head += chunk.toString('utf8');
      const m = /Charla is running at (\S+)/.exec(head);
      if (m) {
        clearTimeout(timer);
        const u = new URL(m[1]!);
        if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
        resolve(u.origin);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${head}`));
    });
  });
  return {
    url,
    child,
    logFile: opts.logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

/**
 * A fresh database on the PostgreSQL server of `serverUrl` (its path names the database to connect to for
 * CREATE/DROP DATABASE, `postgres` when empty). `drop` removes it.
 */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = new URL(serverUrl);
  assertLoopback(admin.toString(), '--database');
  if (admin.pathname === '/' || admin.pathname === '') admin.pathname = '/postgres';
  const name = `charla_bench_${randomBytes(5).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => run(`drop database if exists ${name} with (force)`) };
}
