import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { webhookSubscriptions } from '../../db/schema';

/** How long the list of workspaces with webhooks is trusted before it is read again. */
const FRESH_MS = 5_000;

/**
 * Which workspaces have an enabled webhook, so that events of the others enqueue no webhook job. While the
 * list is stale every workspace counts as having one (nothing is lost) and it is re-read in the background;
 * a webhook created in this process counts at once, one created in another process within FRESH_MS.
 */
export class ActiveWebhookWorkspaces {
  private ids = new Set<number>();
  /** Workspaces given a webhook by this process: kept even when a read that started earlier ends later. */
  private readonly added = new Set<number>();
  private readAt = 0;
  private reading = false;

  constructor(private readonly db: Db) {}

  has(workspaceId: number): boolean {
    if (Date.now() - this.readAt <= FRESH_MS) return this.ids.has(workspaceId);
    void this.refresh();
    return true;
  }

  add(workspaceId: number): void {
    this.added.add(workspaceId);
    this.ids.add(workspaceId);
  }

  private async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const rows = await this.db
        .selectDistinct({ id: webhookSubscriptions.workspaceId })
        .from(webhookSubscriptions)
        .where(eq(webhookSubscriptions.enabled, true));
      this.ids = new Set([...rows.map((r) => r.id), ...this.added]);
      this.readAt = Date.now();
    } catch {
      // The database is closing or unreachable: stay stale (every workspace counts) and retry next time.
    } finally {
      this.reading = false;
    }
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
