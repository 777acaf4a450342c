import type { Db, Tx } from './client';

// Hooks of the transactions opened through `transactionWithHooks`, keyed by their transaction object.
const hooksOf = new WeakMap<object, (() => void)[]>();

/** `db.transaction(fn)`, then runs the hooks registered with `afterCommit` once it has committed. */
export async function transactionWithHooks<R>(db: Db, fn: (tx: Tx) => Promise<R>): Promise<R> {
  const hooks: (() => void)[] = [];
  const result = await db.transaction(async (tx) => {
    hooksOf.set(tx, hooks);
    return fn(tx as Tx);
  });
  for (const hook of hooks) hook();
  return result;
}

const inTransaction = (db: Db | Tx): db is Tx => 'rollback' in db;

/**
 * Runs `fn` after `db`'s transaction commits (never if it rolls back); right away when `db` is not a
 * transaction, as its statements have committed already. Returns false for a transaction that was not
 * opened through `transactionWithHooks`: the caller must then choose another way (e.g. a durable job).
 */
export function afterCommit(db: Db | Tx, fn: () => void): boolean {
  if (!inTransaction(db)) {
    queueMicrotask(fn);
    return true;
  }
  const hooks = hooksOf.get(db);
  if (!hooks) return false;
  hooks.push(fn);
  return true;
}
