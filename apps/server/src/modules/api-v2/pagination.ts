import { and, asc, desc, gt, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** Which ids a page fetch wants: below a cursor (newest first) or above an id (oldest first, for `previous`). */
export type Bounds = { below?: number; above?: number; order: 'asc' | 'desc'; limit: number };

/** The bounds as SQL on an id column: a where condition and an order. */
export function sqlBounds(id: PgColumn, b: Bounds): { where: SQL | undefined; orderBy: SQL } {
  return {
    where: and(b.below ? lt(id, b.below) : undefined, b.above !== undefined ? gt(id, b.above) : undefined),
    orderBy: b.order === 'asc' ? asc(id) : desc(id),
  };
}

/** The bounds applied to an in-memory list (small workspace lists: users, tags, channels…). */
export const arrayFetch =
  <T extends { id: number }>(all: T[]) =>
  async (b: Bounds) =>
    all
      .filter((x) => (b.below === undefined || x.id < b.below) && (b.above === undefined || x.id > b.above))
      .sort((x, y) => (b.order === 'asc' ? x.id - y.id : y.id - x.id))
      .slice(0, b.limit);

/**
 * respond.io's cursor pagination: newest first, `cursorId` shows items older than it; `next` and
 * `previous` are the URLs of the neighbouring pages (null at either end).
 */
export async function keysetPage<T extends { id: number }>(
  path: string,
  q: { limit: number; cursorId?: number },
  fetch: (b: Bounds) => Promise<T[]>,
) {
  // respond.io's clients start with `cursorId: 0` (and its own `previous` links carry negative ones).
  const cursor = q.cursorId && q.cursorId > 0 ? q.cursorId : undefined;
  const rows = await fetch({ below: cursor, order: 'desc', limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  const link = (cursor?: number) => `${path}?limit=${q.limit}${cursor ? `&cursorId=${cursor}` : ''}`;
  const next = rows.length > q.limit ? link(items.at(-1)!.id) : null;
  let previous: string | null = null;
  if (cursor) {
    const above = await fetch({ above: items[0]?.id ?? cursor - 1, order: 'asc', limit: q.limit });
    if (above.length === q.limit) previous = link(above.at(-1)!.id + 1);
    else if (above.length > 0 || items.length > 0) previous = link();
  }
  return { items, pagination: { next, previous } };
}
