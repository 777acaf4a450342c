import { eq } from 'drizzle-orm';
import { conversations } from '../../../db/schema';
import { closeConversation } from '../../conversations/actions';
import { openConversationFor } from '../../conversations/service';
import type { StepExecutor } from '../step-context';
import { currentConversation } from './messaging';

export const openConversationStep: StepExecutor<'open_conversation'> = async (rc, step) => {
  const { conversation, opened } = await openConversationFor(rc.ctx, rc.tx, rc.contact.id, 'workflow');
  rc.conversation = conversation;
  return { next: step.next ?? null, detail: { conversationId: conversation.id, opened } };
};

/** Closes with the step's closing note (the workspace's closing-notes rules apply, as for agents). */
export const closeConversationStep: StepExecutor<'close_conversation'> = async (rc, step) => {
  const conv = await currentConversation(rc);
  if (!conv) return { next: step.next ?? null, detail: { alreadyClosed: true } };
  if (step.resumeBot) await rc.tx.update(conversations, { botPausedUntil: null }, eq(conversations.id, conv.id));
  await closeConversation(rc.ctx, rc.tx, { system: 'workflow', workspace: rc.workspace }, conv.id, {
    category: step.category ?? null,
    summary: step.summary ?? null,
  });
  return { next: step.next ?? null, detail: { conversationId: conv.id, resumedBot: step.resumeBot } };
};
