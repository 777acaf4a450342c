import type { Ctx } from '../../../context';
import { type ChatMessage, chatWithRetries } from '../../ai/chat';
import { readReply } from '../../ai/prompt';
import { chatApiOf } from '../../ai/settings';
import { workspaceById } from '../../workspaces/service';
import { type RetrievedSummary, resumeFromJob } from '../runs';

export const AI_JOB = 'workflow.ai';

interface AiJob {
  workspaceId: number;
  runId: number;
  revision: number;
  /** The newest message of the question being answered. */
  messageId: number;
  /** The prompt, built in the run's transaction (no key in it: the key is read here, from the workspace). */
  chat: ChatMessage[];
  retrieved: RetrievedSummary[];
}

/**
 * Asks the workspace's chat API for one turn's answer, outside the run's transaction, and resumes the run
 * with the reply, a handover, or the error (the run then answers from the matrix alone). Errors never
 * escape: the contact always gets a reply or a handover.
 */
export function defineAiJob(ctx: Ctx) {
  ctx.jobs.define<AiJob>({
    name: AI_JOB,
    retryLimit: 2,
    concurrency: 5,
    handler: async (job) => {
      let reply: string | null = null;
      let handover = false;
      let error: string | undefined;
      try {
        const ws = await workspaceById(ctx.db, job.workspaceId);
        const api = ws ? chatApiOf(ctx, ws) : null;
        if (!api) throw new Error('the chat API was removed from Settings → AI assistant');
        const read = readReply(await chatWithRetries(ctx, api, job.chat));
        if (read.handover) handover = true;
        else reply = read.text;
      } catch (err) {
        error = (err as Error).message;
      }
      await resumeFromJob(ctx, job, {
        kind: 'ai_reply',
        messageId: job.messageId,
        reply,
        handover,
        ...(error ? { error } : {}),
        retrieved: job.retrieved,
      });
    },
  });
}
