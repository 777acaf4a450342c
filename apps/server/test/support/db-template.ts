import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';

/*
 * A database made from nothing costs about 5 s per test file (PGlite's initdb, every migration, pg-boss's
 * schema and queues). Every test file and every spawned server starts from a copy of one database that
 * was booted once instead: a PGlite data dir (and its dump, for in-memory databases), and on PostgreSQL a
 * template database. Both are named by a hash of what shapes them, so a new migration makes a new one.
 */

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');
const repoRoot = path.resolve(migrationsDir, '../../../../..');

function versionOf(pkg: string): string {
  const manifest = path.join(repoRoot, 'node_modules', pkg, 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

let cachedKey: string | undefined;

/** Hash of the migrations and of the pg-boss and PGlite versions. */
export function templateKey(): string {
  if (cachedKey) return cachedKey;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(migrationsDir);
  hash.update(versionOf('pg-boss')).update(versionOf('@electric-sql/pglite'));
  cachedKey = hash.digest('hex').slice(0, 12);
  return cachedKey;
}

const quiet = pino({ level: 'silent' });

/** Boots Charla once on an empty embedded database in `dataDir`, and dumps it before closing. */
async function bootPgliteAndDump(dataDir: string): Promise<Blob> {
  // Imported here: the global setup should not load the whole server just to find the template exists.
  const { boot } = await import('../../src/boot');
  const { loadConfig } = await import('../../src/config/env');
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    CHARLA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  const rt = await boot(config, { logger: quiet, work: false });
  try {
    return await rt.ctx.dbh.pglite!.dumpDataDir('none');
  } finally {
    await rt.close();
  }
}

/**
 * Migrations and pg-boss's schema on a PostgreSQL database. Not a whole boot: closing a runtime right
 * after it starts can leave the realtime adapter's LISTEN client checked out of the pool.
 */
async function preparePostgres(databaseUrl: string): Promise<void> {
  const { openDatabase } = await import('../../src/db/client');
  const { migrate } = await import('../../src/db/migrate');
  const { JobQueue } = await import('../../src/jobs/queue');
  const dbh = await openDatabase({ databaseUrl, dataDir: os.tmpdir() });
  try {
    await migrate(dbh);
    const jobs = new JobQueue(dbh, quiet);
    await jobs.boss.start();
    await jobs.boss.stop({ graceful: false, close: true });
  } finally {
    await dbh.close();
  }
}

/** The template PGlite: `<dir>/pgdata` (copy it into a data dir) and `<dir>/pgdata.tar` (load it in memory). */
export function pgliteTemplateDir(): string {
  return path.join(os.tmpdir(), `charla-db-template-${templateKey()}`);
}

export async function ensurePgliteTemplate(): Promise<string> {
  const dir = pgliteTemplateDir();
  if (fs.existsSync(path.join(dir, 'pgdata.tar'))) return dir;
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(building, { recursive: true });
  try {
    const dump = await bootPgliteAndDump(building);
    fs.writeFileSync(path.join(building, 'pgdata.tar.part'), Buffer.from(await dump.arrayBuffer()));
    // Only the database is template material; the generated secret key stays behind.
    fs.rmSync(path.join(building, 'secret.key'), { force: true });
    fs.renameSync(path.join(building, 'pgdata.tar.part'), path.join(building, 'pgdata.tar'));
    fs.renameSync(building, dir);
  } catch (err) {
    fs.rmSync(building, { recursive: true, force: true });
    // Another process finished the same template first.
    if (fs.existsSync(path.join(dir, 'pgdata.tar'))) return dir;
    throw err;
  }
  return dir;
}

let pgliteDump: Blob | undefined;

/** The template as a dump, for an in-memory PGlite (`boot(…, { loadDataDir })`). */
export async function pgliteTemplateDump(): Promise<Blob> {
  if (!pgliteDump) {
    const dir = await ensurePgliteTemplate();
    pgliteDump = new Blob([fs.readFileSync(path.join(dir, 'pgdata.tar'))]);
  }
  return pgliteDump;
}

/** Gives a fresh data dir the template's database, so `charla start` on it skips initdb and migrations. */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const dir = await ensurePgliteTemplate();
  fs.cpSync(path.join(dir, 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
}

async function adminQuery(adminUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The template database on the server of `adminUrl` (`CREATE DATABASE … TEMPLATE` it). */
export async function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  const name = `charla_tpl_${templateKey()}`;
  const exists = await adminQuery(adminUrl, `select 1 from pg_database where datname = '${name}'`);
  if (exists.rowCount) return name;
  const building = `charla_tplb_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${building}`);
  try {
    await preparePostgres(withDatabase(adminUrl, building));
    await adminQuery(adminUrl, `alter database ${building} rename to ${name}`);
  } catch (err) {
    await adminQuery(adminUrl, `drop database if exists ${building} with (force)`);
    const raced = await adminQuery(adminUrl, `select 1 from pg_database where datname = '${name}'`);
    if (raced.rowCount) return name;
    throw err;
  }
  return name;
}

/** A new database on the server of `adminUrl`, copied from the template; `prefix_<random>`. */
export async function createDatabaseFromTemplate(adminUrl: string, prefix: string): Promise<string> {
  const template = await ensurePostgresTemplate(adminUrl);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name} template ${template}`);
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}

/** Vitest global setup: build the template once, before the test files race to. */
export async function setup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) await ensurePostgresTemplate(adminUrl);
  else await ensurePgliteTemplate();
}
