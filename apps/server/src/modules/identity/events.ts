import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';

/** After a merge or split: both contacts changed, and so did the conversations that moved. */
export async function emitMergeEvents(
  ctx: Ctx,
  scope: Scope,
  result: { keptContactId: number; mergedContactId: number; conversationIds: number[] },
) {
  await ctx.events.emitMany(scope.unscopedDb, [
    ...[result.keptContactId, result.mergedContactId].map((contactId) => ({
      workspaceId: scope.workspaceId,
      type: 'contact.updated' as const,
      data: { contactId },
    })),
    ...result.conversationIds.map((conversationId) => ({
      workspaceId: scope.workspaceId,
      type: 'conversation.updated' as const,
      data: { conversationId, contactId: result.keptContactId },
    })),
  ]);
}
