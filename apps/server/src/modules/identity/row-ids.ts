import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope, TenantTable } from '../../db/scope';

/**
 * `column = any('{1,2,3}'::bigint[])`: one parameter however many ids (a merge may move tens of thousands
 * of messages; `inArray` would need one parameter each and hits PostgreSQL's limit of 65,535).
 */
export function idIn(column: PgColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::bigint[])`;
}

/** The ids of the rows of `table` matching `conditions` in this workspace. */
export async function idsWhere(scope: Scope, table: TenantTable & { id: PgColumn }, ...conditions: SQL[]) {
  const rows = await scope.unscopedDb
    .select({ id: table.id })
    .from(table)
    .where(scope.where(table, ...conditions))
    .orderBy(table.id);
  return rows.map((r) => Number(r.id));
}
