import { gt } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { broadcasts } from '../../db/schema';
import { WorkspaceIndex } from '../../db/workspace-index';

/** Sends (with their retries) and the reply window fit well inside this. */
const RECENT_DAYS = 7;

/**
 * Which workspaces started a broadcast recently (see WorkspaceIndex), so that message events of the
 * others enqueue no broadcast-status job.
 */
function broadcastIndex(db: Db) {
  return new WorkspaceIndex(async () =>
    (
      await db
        .selectDistinct({ id: broadcasts.workspaceId })
        .from(broadcasts)
        .where(gt(broadcasts.startedAt, new Date(Date.now() - RECENT_DAYS * 86_400_000)))
    ).map((r) => ({ workspaceId: r.id, key: '*' })),
  );
}

const byDb = new WeakMap<Db, WorkspaceIndex>();

/** The process's index (one per runtime's database handle). */
export function activeBroadcastWorkspaces(ctx: Pick<Ctx, 'db'>): WorkspaceIndex {
  let index = byDb.get(ctx.db);
  if (!index) {
    index = broadcastIndex(ctx.db);
    byDb.set(ctx.db, index);
  }
  return index;
}
