import { and, count, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { transactionWithHooks } from './after-commit';
import type { Db, Tx } from './client';

/** A table that belongs to a workspace. */
export type TenantTable = PgTable & { workspaceId: PgColumn };

type Insertable<T extends TenantTable> = Omit<T['$inferInsert'], 'workspaceId'>;

/**
 * The only way module code reaches tenant tables: every read, update and delete built through a
 * Scope carries `workspace_id = <this workspace>`, and every insert gets it filled in. Conditions
 * passed in are ANDed with the scope, so an unscoped query cannot be written by accident.
 *
 * @example
 * const open = await scope.find(conversations, eq(conversations.status, 'open')).limit(50);
 */
export class Scope {
  constructor(
    private readonly db: Db | Tx,
    readonly workspaceId: number,
  ) {}

  /** `workspace_id = this workspace` for `table`, for joins and hand-written conditions. */
  owns(table: TenantTable): SQL {
    return eq(table.workspaceId, this.workspaceId);
  }

  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL {
    return and(this.owns(table), ...conditions)!;
  }

  find<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]) {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's generic table types do not narrow here
    return this.db
      .select()
      .from(table as any)
      .where(this.where(table, ...conditions)) as unknown as Promise<T['$inferSelect'][]> & {
      limit(n: number): Promise<T['$inferSelect'][]> & { offset(n: number): Promise<T['$inferSelect'][]> };
      orderBy(...cols: (SQL | PgColumn)[]): Promise<T['$inferSelect'][]> & {
        limit(n: number): Promise<T['$inferSelect'][]>;
      };
      for(strength: 'update'): Promise<T['$inferSelect'][]>;
    };
  }

  async first<T extends TenantTable>(
    table: T,
    ...conditions: (SQL | undefined)[]
  ): Promise<T['$inferSelect'] | undefined> {
    const rows = await this.find(table, ...conditions).limit(1);
    return rows[0];
  }

  async count(table: TenantTable, ...conditions: (SQL | undefined)[]): Promise<number> {
    // biome-ignore lint/suspicious/noExplicitAny: see find()
    const rows = await this.db
      .select({ n: count() })
      .from(table as any)
      .where(this.where(table, ...conditions));
    return Number(rows[0]?.n ?? 0);
  }

  insert<T extends TenantTable>(table: T, values: Insertable<T> | Insertable<T>[]) {
    const list = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, workspaceId: this.workspaceId }));
    // biome-ignore lint/suspicious/noExplicitAny: see find()
    return this.db.insert(table).values(list as any);
  }

  update<T extends TenantTable>(table: T, set: PgUpdateSetSource<T>, ...conditions: (SQL | undefined)[]) {
    const { workspaceId: _ignored, ...rest } = set as Record<string, unknown>;
    // biome-ignore lint/suspicious/noExplicitAny: see find()
    return this.db
      .update(table)
      .set(rest as any)
      .where(this.where(table, ...conditions));
  }

  delete<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]) {
    return this.db.delete(table).where(this.where(table, ...conditions));
  }

  /**
   * Escape hatch for joins and reports: the caller must add `scope.owns(table)` for every tenant table it
   * reads. Named so that it stands out in review.
   */
  get unscopedDb(): Db | Tx {
    return this.db;
  }

  get isTransaction(): boolean {
    return 'rollback' in this.db;
  }

  /** Runs `fn` in a transaction (or inside the current one) with a scope bound to it. */
  async transaction<R>(fn: (scope: Scope, tx: Tx) => Promise<R>): Promise<R> {
    if (this.isTransaction) return fn(this, this.db as Tx);
    return transactionWithHooks(this.db as Db, (tx) => fn(new Scope(tx, this.workspaceId), tx));
  }
}
