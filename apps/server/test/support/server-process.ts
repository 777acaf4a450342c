import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedPgliteDataDir } from './db-template';

/** The `charla` entry point, run exactly as users run it (`node apps/server/bin/charla.mjs …`). */
export const CHARLA_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/charla.mjs');

export interface ServerEnv {
  dataDir: string;
  databaseUrl?: string;
  ownerEmail: string;
  ownerPassword: string;
  logLevel?: string;
  /** More settings for the process (e.g. `EMAIL_POLL_SECONDS`). */
  extra?: Record<string, string>;
}

/** A first process on a new embedded data dir begins from the migrated template (see db-template.ts). */
async function seedNewDataDir(env: ServerEnv): Promise<void> {
  if (!env.databaseUrl && !fs.existsSync(path.join(env.dataDir, 'pgdata'))) await seedPgliteDataDir(env.dataDir);
}

/** The environment of a child `charla` process: loopback, port 0, nothing inherited that picks a database. */
function childEnv(env: ServerEnv): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'PUBLIC_URL', 'PORT', 'HOST', 'REDIS_URL', 'SMTP_URL', 'CHARLA_SECRET_KEY']) {
    delete base[k];
  }
  return {
    ...base,
    PORT: '0',
    HOST: '127.0.0.1',
    CHARLA_DATA_DIR: env.dataDir,
    CHARLA_OWNER_EMAIL: env.ownerEmail,
    CHARLA_OWNER_PASSWORD: env.ownerPassword,
    LOG_LEVEL: env.logLevel ?? 'warn',
    ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
    ...env.extra,
  };
}

export interface ServerProcess {
  /** Loopback base URL (the printed URL with `localhost` pinned to 127.0.0.1). */
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hook, no lock release, nothing flushed by the process. */
  crash(): Promise<void>;
  /** SIGTERM and wait (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Spawns `charla start` and resolves once it prints "Charla is running at <url>". */
export async function spawnServer(env: ServerEnv, timeoutMs = 30_000): Promise<ServerProcess> {
  await seedNewDataDir(env);
  const child = spawn(process.execPath, [CHARLA_BIN, 'start'], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`charla start did not come up within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Charla is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const u = new URL(m[1]!);
        if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
        resolve(u.origin);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`charla start exited (code ${code}, signal ${signal}) before listening:\n${out}`));
    });
  });
  const stopWith = async (signal: NodeJS.Signals, timeoutMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    crash: () => stopWith('SIGKILL', 5_000),
    stop: (t = 10_000) => stopWith('SIGTERM', t),
  };
}

/** Runs a `charla` command to completion (killed after `timeoutMs`) and returns its exit code and output. */
export async function runCharla(
  args: string[],
  env: ServerEnv,
  timeoutMs = 30_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  await seedNewDataDir(env);
  const child = spawn(process.execPath, [CHARLA_BIN, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}
