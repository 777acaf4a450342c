import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { workflows, workflowVersions } from '../../db/schema';
import { WorkspaceIndex } from '../../db/workspace-index';

/**
 * Which workspaces have workflows, and which event triggers their published versions listen to, so that
 * the events of a workspace without workflows (most inbound messages, in most workspaces) enqueue no
 * workflow job. Key `*`: the workspace has a published or paused workflow (whose runs may wait on answers).
 */
export function workflowIndex(db: Db) {
  return new WorkspaceIndex(async () => {
    const rows = await db
      .select({
        workspaceId: workflows.workspaceId,
        status: workflows.status,
        type: sql<string>`${workflowVersions.trigger}->>'type'`,
      })
      .from(workflows)
      .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
      .where(and(isNull(workflows.deletedAt), isNotNull(workflows.publishedVersionId)));
    return rows.flatMap((r) => [
      { workspaceId: r.workspaceId, key: '*' },
      ...(r.status === 'published' ? [{ workspaceId: r.workspaceId, key: r.type }] : []),
    ]);
  });
}

const byDb = new WeakMap<Db, WorkspaceIndex>();
/** Publications in this process, applied to every index (the service publishes without a `Ctx`). */
const published: { workspaceId: number; type: string }[] = [];

/** The process's index (one per runtime's database handle). */
export function activeTriggers(ctx: Pick<Ctx, 'db'>): WorkspaceIndex {
  let index = byDb.get(ctx.db);
  if (!index) {
    index = workflowIndex(ctx.db);
    for (const p of published) noteOn(index, p);
    indexes.add(new WeakRef(index));
    byDb.set(ctx.db, index);
  }
  return index;
}

const noteOn = (index: WorkspaceIndex, p: { workspaceId: number; type: string }) => {
  index.add(p.workspaceId);
  index.add(p.workspaceId, p.type);
};

const indexes = new Set<WeakRef<WorkspaceIndex>>();

/** A workflow was published or resumed here: its events start runs in this process at once. */
export function noteWorkflowPublished(workspaceId: number, type: string): void {
  published.push({ workspaceId, type });
  for (const ref of indexes) {
    const index = ref.deref();
    if (index) noteOn(index, { workspaceId, type });
    else indexes.delete(ref);
  }
}

/** The trigger type an event can start. */
export const TRIGGER_OF_EVENT: Record<string, string> = {
  'conversation.opened': 'conversation_opened',
  'conversation.closed': 'conversation_closed',
  'contact.tag_updated': 'contact_tag_updated',
  'contact.updated': 'contact_field_updated',
  'broadcast.replied': 'broadcast_reply',
};
