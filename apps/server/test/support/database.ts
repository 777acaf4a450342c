import { createDatabaseFromTemplate, dropDatabase } from './db-template';

/**
 * Where a test runtime keeps its data: an in-memory PGlite by default, or a fresh database on the
 * PostgreSQL server named by TEST_DATABASE_URL (copied from the migrated template, dropped by `drop`).
 */
export async function testDatabase(): Promise<{ databaseUrl?: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { drop: async () => {} };
  const databaseUrl = await createDatabaseFromTemplate(base, 'charla_t');
  return { databaseUrl, drop: () => dropDatabase(base, databaseUrl) };
}
