import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { WorkspaceIndex } from '../../db/workspace-index';
import { webhookSubscriptions } from '../../db/schema';

/** Which workspaces have an enabled webhook (see WorkspaceIndex). */
export class ActiveWebhookWorkspaces extends WorkspaceIndex {
  constructor(db: Db) {
    super(async () =>
      (
        await db
          .selectDistinct({ id: webhookSubscriptions.workspaceId })
          .from(webhookSubscriptions)
          .where(eq(webhookSubscriptions.enabled, true))
      ).map((r) => ({ workspaceId: r.id, key: '*' })),
    );
  }
}

const byDb = new WeakMap<Db, ActiveWebhookWorkspaces>();

/** The process's list (one per runtime's database handle). */
export function activeWebhookWorkspaces(ctx: Pick<Ctx, 'db'>): ActiveWebhookWorkspaces {
  let active = byDb.get(ctx.db);
  if (!active) {
    active = new ActiveWebhookWorkspaces(ctx.db);
    byDb.set(ctx.db, active);
  }
  return active;
}
