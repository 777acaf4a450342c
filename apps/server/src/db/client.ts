import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Present on the embedded backend (pg-boss talks to it directly). */
  pglite?: PGlite;
  /** Present on the PostgreSQL backend. */
  pool?: pg.Pool;
  connectionString?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Every open must pass the same extension set, or PGlite fails to reopen the directory.
const pgliteExtensions = { pg_trgm, citext, unaccent, fuzzystrmatch };

// int8 as JS number: our ids stay far below 2^53, and PGlite already returns numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Use an in-memory PGlite (tests); no lock, nothing on disk. */
  inMemory?: boolean;
  /** In memory only: start from this dump (`dumpDataDir`) of a database instead of an empty one. */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      connectionString: opts.databaseUrl,
      async ping() {
        await pool.query('select 1');
      },
      async close() {
        await pool.end();
      },
    };
  }
  const release = opts.inMemory ? () => {} : lockDataDir(opts.dataDir);
  try {
    const pglite = await PGlite.create(opts.inMemory ? undefined : path.join(opts.dataDir, 'pgdata'), {
      extensions: pgliteExtensions,
      ...(opts.inMemory && opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite,
      async ping() {
        await pglite.query('select 1');
      },
      async close() {
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
