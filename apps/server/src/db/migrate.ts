import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './client';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the one migration history to either backend. Safe to run at every start. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the driver-specific database type
    await migratePglite(handle.db as any, { migrationsFolder });
  } else {
    // Concurrent starts against one server: serialise migrations with an advisory lock.
    const client = await handle.pool!.connect();
    try {
      await client.query('select pg_advisory_lock(7283746)');
      // biome-ignore lint/suspicious/noExplicitAny: the driver-specific database type
      await migrateNodePg(handle.db as any, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(7283746)').catch(() => {});
      client.release();
    }
  }
}
