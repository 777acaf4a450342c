import type { WorkflowTrigger } from '@charla/contracts/workflows';
import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { Scope } from '../../db/scope';
import { conversations, workflows, workflowVersions } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { pausedNow } from '../conversations/actions';
import { openConversationOf } from '../conversations/service';
import { activeTriggers, TRIGGER_OF_EVENT } from './active-triggers';
import { queueAdvance, runsAwaitingAnswer, runsWaitingToAssign, type StartResult, startRun, stopRunsOf } from './runs';
import type { StepExecutor } from './step-context';

type Published = { workflowId: number; versionId: number; trigger: WorkflowTrigger; oncePerContact: boolean };

/** The workspace's published (not paused) workflows with their current version's trigger. */
async function publishedWorkflows(scope: Scope): Promise<Published[]> {
  const rows = await scope.unscopedDb
    .select({ workflowId: workflows.id, versionId: workflowVersions.id, version: workflowVersions })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
    .where(
      and(
        scope.owns(workflows),
        scope.owns(workflowVersions),
        eq(workflows.status, 'published'),
        isNull(workflows.deletedAt),
      ),
    );
  return rows.map((r) => ({
    workflowId: r.workflowId,
    versionId: r.versionId,
    trigger: r.version.trigger,
    oncePerContact: r.version.settings.oncePerContact,
  }));
}

/** Starts every published workflow whose trigger matches, for one contact. */
async function startMatching(
  ctx: Ctx,
  workspaceId: number,
  contactId: number,
  matches: (t: WorkflowTrigger) => boolean,
  trigger: Record<string, unknown>,
) {
  const scope = new Scope(ctx.db, workspaceId);
  const candidates = (await publishedWorkflows(scope)).filter((w) => matches(w.trigger));
  if (candidates.length === 0) return;
  await scope.transaction(async (tx) => {
    const conv = await openConversationOf(tx, contactId);
    // A run started by a conversation closing keeps that conversation (see currentConversation).
    const fromTrigger = typeof trigger.conversationId === 'number' ? trigger.conversationId : null;
    for (const w of candidates)
      await startRun(ctx, tx, {
        workflowId: w.workflowId,
        versionId: w.versionId,
        oncePerContact: w.oncePerContact,
        contactId,
        conversationId: conv?.id ?? fromTrigger,
        trigger,
      });
  });
}

/**
 * Starts one workflow for one contact outside the event triggers: a shortcut from the inbox, the incoming
 * webhook, or another workflow's "trigger workflow" step. The workflow must be published.
 */
export async function startWorkflowFor(
  ctx: Ctx,
  tx: Scope,
  workflowId: number,
  contactId: number,
  trigger: Record<string, unknown>,
  variables: Record<string, string> = {},
): Promise<StartResult> {
  const [w] = await tx.find(workflows, eq(workflows.id, workflowId), isNull(workflows.deletedAt));
  if (!w) throw notFound('Workflow');
  if (w.status !== 'published' || !w.publishedVersionId)
    throw new AppError('conflict', 'workflow_not_published', 'The workflow is not published');
  const [version] = await tx.find(workflowVersions, eq(workflowVersions.id, w.publishedVersionId));
  const conv = await openConversationOf(tx, contactId);
  return startRun(ctx, tx, {
    workflowId: w.id,
    versionId: w.publishedVersionId,
    oncePerContact: version!.settings.oncePerContact,
    contactId,
    conversationId: conv?.id ?? null,
    trigger,
    variables,
  });
}

export const triggerWorkflowStep: StepExecutor<'trigger_workflow'> = async (rc, step) => {
  if (step.workflowId === rc.run.workflowId) return { fail: 'self_trigger: a workflow cannot trigger itself' };
  const result = await startWorkflowFor(rc.ctx, rc.tx, step.workflowId, rc.contact.id, {
    type: 'manual',
    fromWorkflowId: rc.run.workflowId,
    fromRunId: rc.run.id,
  });
  return { next: step.next ?? null, detail: { workflowId: step.workflowId, ...result } };
};

/** The durable listeners that start runs, route answers, stop runs on a human takeover and drain the assignment queue. */
export function registerWorkflowListeners(ctx: Ctx) {
  const index = activeTriggers(ctx);
  const startsSomething = (workspaceId: number, type: string) => index.has(workspaceId, TRIGGER_OF_EVENT[type]);
  const hasWorkflows = (workspaceId: number) => index.has(workspaceId, '*');
  ctx.events.on(
    'workflows.start',
    ['conversation.opened', 'conversation.closed', 'contact.tag_updated', 'contact.updated', 'broadcast.replied'],
    async (event) => {
      const { workspaceId } = event;
      switch (event.type) {
        case 'conversation.opened': {
          const { source, contactId, conversationId } = event.data;
          return startMatching(
            ctx,
            workspaceId,
            contactId,
            (t) => t.type === 'conversation_opened' && t.sources.includes(source),
            { type: 'conversation_opened', source, conversationId },
          );
        }
        case 'conversation.closed': {
          const { contactId, conversationId } = event.data;
          const [conv] = await new Scope(ctx.db, workspaceId).find(conversations, eq(conversations.id, conversationId));
          const category = conv?.closingCategory ?? null;
          return startMatching(
            ctx,
            workspaceId,
            contactId,
            (t) =>
              t.type === 'conversation_closed' &&
              (t.categories.length === 0 || (category !== null && t.categories.includes(category))),
            { type: 'conversation_closed', conversationId, category },
          );
        }
        case 'contact.tag_updated': {
          const { contactId, tag, action } = event.data;
          const folded = tag.toLowerCase();
          return startMatching(
            ctx,
            workspaceId,
            contactId,
            (t) =>
              t.type === 'contact_tag_updated' &&
              t.action === action &&
              (t.tags.length === 0 || t.tags.some((x) => x.toLowerCase() === folded)),
            { type: 'contact_tag_updated', tag, action },
          );
        }
        case 'contact.updated': {
          const fields = event.data.fields ?? [];
          if (fields.length === 0) return;
          return startMatching(
            ctx,
            workspaceId,
            event.data.contactId,
            (t) => t.type === 'contact_field_updated' && t.fields.some((f) => fields.includes(f)),
            { type: 'contact_field_updated', fields },
          );
        }
        case 'broadcast.replied': {
          const { broadcastId, contactId, messageId } = event.data;
          return startMatching(
            ctx,
            workspaceId,
            contactId,
            (t) =>
              t.type === 'broadcast_reply' && (t.broadcastIds.length === 0 || t.broadcastIds.includes(broadcastId)),
            { type: 'broadcast_reply', broadcastId, messageId },
          );
        }
      }
    },
    { when: startsSomething },
  );

  // A contact's message answers the newest question they were asked.
  ctx.events.on(
    'workflows.answers',
    ['message.created'],
    async (event) => {
      if (event.data.direction !== 'in') return;
      const scope = new Scope(ctx.db, event.workspaceId);
      const [run] = await runsAwaitingAnswer(scope, event.data.contactId);
      if (!run) return;
      await scope.transaction((tx) =>
        queueAdvance(ctx, tx, {
          workspaceId: event.workspaceId,
          runId: run.id,
          revision: run.revision,
          resume: { kind: 'answer', messageId: event.data.messageId },
        }),
      );
    },
    { when: hasWorkflows },
  );

  // Pausing the bot (from the inbox, or by a human taking the conversation) stops runs waiting on the contact.
  ctx.events.on(
    'workflows.takeover',
    ['conversation.updated'],
    async (event) => {
      const scope = new Scope(ctx.db, event.workspaceId);
      const [conv] = await scope.find(conversations, eq(conversations.id, event.data.conversationId));
      if (!conv || conv.status !== 'open' || !pausedNow(conv)) return;
      await scope.transaction((tx) => stopRunsOf(tx, { contactId: conv.contactId, waitingOnly: true }, 'bot_paused'));
    },
    { when: hasWorkflows },
  );

  // Someone may be free now: give queued runs another try, oldest first.
  ctx.events.on(
    'workflows.assign-queue',
    ['member.presence', 'conversation.closed'],
    async (event) => {
      if (event.type === 'member.presence' && event.data.status !== 'online') return;
      const scope = new Scope(ctx.db, event.workspaceId);
      const queued = await runsWaitingToAssign(scope);
      if (queued.length === 0) return;
      await scope.transaction(async (tx) => {
        for (const run of queued)
          await queueAdvance(ctx, tx, {
            workspaceId: event.workspaceId,
            runId: run.id,
            revision: run.revision,
            resume: { kind: 'assign_retry' },
          });
      });
    },
    { when: hasWorkflows },
  );
}
