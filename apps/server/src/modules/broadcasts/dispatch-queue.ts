import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';

export const BROADCAST_DISPATCH_JOB = 'broadcast.dispatch';

export interface DispatchJob {
  workspaceId: number;
  broadcastId: number;
}

/**
 * Asks for the broadcast's dispatch (see dispatch-job.ts), in `tx`; at `startAfter` for a scheduled one.
 * One waiting and one running dispatch per broadcast at most: asking again while one waits is a no-op.
 */
export async function queueDispatch(ctx: Ctx, tx: Scope, broadcastId: number, startAfter?: Date) {
  await ctx.jobs.send<DispatchJob>(
    BROADCAST_DISPATCH_JOB,
    { workspaceId: tx.workspaceId, broadcastId },
    { tx: tx.unscopedDb, singletonKey: `broadcast:${broadcastId}`, ...(startAfter ? { startAfter } : {}) },
  );
}
