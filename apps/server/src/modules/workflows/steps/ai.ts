import type { KnowledgeHit, KnowledgeLanguage } from '@charla/contracts/knowledge';
import type { StepOf } from '@charla/contracts/workflows';
import { and, desc, eq, gt, lt, lte, sql } from 'drizzle-orm';
import { messages, type RunWait } from '../../../db/schema';
import { CHAT_ATTEMPTS } from '../../ai/chat';
import { asksForHuman, detectLanguage, isGreeting, isThanks } from '../../ai/intents';
import { ASSISTANT_TEXTS, buildChat } from '../../ai/prompt';
import { chatApiOf } from '../../ai/settings';
import { searchKnowledge } from '../../knowledge/search';
import type { Resume, RetrievedSummary } from '../runs';
import type { RunContext, StepExecutor } from '../step-context';
import { AI_JOB } from './ai-job';
import { currentConversation, sayToContact } from './messaging';

type AiStep = StepOf<'ai_assistant'>;
type AiWait = Extract<RunWait, { kind: 'ai' }>;
type Turn = { wait: AiWait } | { next: string | null } | { stop: string } | { fail: string };

/** Below this score (share of the question's words found in a Q&A question) retrieval-only mode hands over. */
export const RETRIEVAL_MIN_SCORE = 0.5;
/** Pieces of knowledge retrieved per question. */
const TOP_K = 5;
/** Earlier messages of the conversation the model sees. */
const HISTORY = 10;

const idleUntil = (step: AiStep) => new Date(Date.now() + step.idleMinutes * 60_000).toISOString();
const summary = (hits: KnowledgeHit[]): RetrievedSummary[] =>
  hits.map((h) => ({ entryId: h.entryId, kind: h.kind, title: h.title.slice(0, 120), score: h.score }));

/**
 * Starts the assistant: the contact's messages since the last reply not sent by this run (the one that opened
 * the conversation, say) are its first question; with none, it greets (if the step has a greeting) and waits.
 */
export const aiAssistantStep: StepExecutor<'ai_assistant'> = async (rc, step) => {
  const conv = await currentConversation(rc);
  if (!conv) return { fail: 'no_open_conversation: the contact has no open conversation to write in' };
  const [lastReply] = await rc.tx
    .find(
      messages,
      eq(messages.conversationId, conv.id),
      eq(messages.direction, 'out'),
      sql`coalesce(${messages.meta}->>'workflowRunId', '') <> ${String(rc.run.id)}`,
    )
    .orderBy(desc(messages.id))
    .limit(1);
  const wait: AiWait = {
    kind: 'ai',
    stepId: step.id,
    turns: 0,
    afterMessageId: lastReply?.id ?? 0,
    pendingMessageId: null,
    timeoutAt: idleUntil(step),
  };
  let turn: Turn;
  if (await questionAfter(rc, wait.afterMessageId)) turn = await takeTurn(rc, step, wait);
  else if (step.greeting) {
    turn = (await say(rc, step.greeting)) ?? { wait };
  } else turn = { wait };
  return 'wait' in turn ? { wait: turn.wait, detail: { turns: turn.wait.turns } } : turn;
};

/** A message, an idle timeout or the chat API's reply arrived while the assistant holds the conversation. */
export async function resumeAssistant(
  rc: RunContext,
  step: AiStep,
  wait: AiWait,
  resume: Extract<Resume, { kind: 'answer' | 'timeout' | 'ai_reply' }>,
): Promise<string | null | undefined> {
  if (resume.kind === 'answer') {
    // Messages that come while the chat API is answering are taken up after its reply.
    if (wait.pendingMessageId !== null || resume.messageId <= wait.afterMessageId) return settle(rc, { wait });
    return settle(rc, await takeTurn(rc, step, wait));
  }
  if (resume.kind === 'timeout') {
    if (wait.pendingMessageId !== null) {
      // The chat API's job never came back: answer from the matrix rather than leave the contact waiting.
      const q = await questionAfter(rc, wait.afterMessageId, wait.pendingMessageId);
      const done: AiWait = { ...wait, afterMessageId: wait.pendingMessageId, pendingMessageId: null };
      if (!q) return settle(rc, { wait: { ...done, timeoutAt: idleUntil(step) } });
      return settle(
        rc,
        await fromMatrix(rc, step, done, q, 'retrieval_fallback', 'no reply from the chat API in time'),
      );
    }
    rc.trace.push({ stepId: step.id, stepType: step.type, outcome: 'timeout', detail: { turns: wait.turns } });
    return step.next ?? null;
  }
  if (wait.pendingMessageId !== resume.messageId) return settle(rc, { wait });
  const q = await questionAfter(rc, wait.afterMessageId, resume.messageId);
  const done: AiWait = { ...wait, afterMessageId: resume.messageId, pendingMessageId: null };
  if (!q) return settle(rc, { wait: { ...done, timeoutAt: idleUntil(step) } });
  if (resume.handover)
    return settle(
      rc,
      await handOver(rc, step, q, { reason: 'cannot_answer', mode: 'llm', retrieved: resume.retrieved }),
    );
  if (resume.reply) {
    const refused = await say(rc, resume.reply);
    if (refused) return settle(rc, refused);
    trace(rc, step, 'answered', { messageId: q.messageId, mode: 'llm', retrieved: resume.retrieved });
    return settle(rc, await afterAnswer(rc, step, done));
  }
  return settle(rc, await fromMatrix(rc, step, done, q, 'retrieval_fallback', resume.error ?? 'no reply'));
}

/** Applies a turn's result to the run state like the engine applies a step outcome. */
function settle(rc: RunContext, turn: Turn): string | null | undefined {
  if ('wait' in turn) {
    rc.state.status = 'waiting';
    rc.state.wait = turn.wait;
    return undefined;
  }
  if ('stop' in turn || 'fail' in turn) {
    rc.state.status = 'stop' in turn ? 'stopped' : 'failed';
    rc.state.reason = 'stop' in turn ? turn.stop : turn.fail;
    return undefined;
  }
  return turn.next;
}

interface Question {
  /** The newest message of the question (what the turn answers up to). */
  messageId: number;
  /** Its oldest message: the conversation before it is the model's context. */
  firstId: number;
  text: string;
  language: KnowledgeLanguage;
}

/** The contact's messages in the conversation after `afterId` (up to `upTo`), as one question. */
async function questionAfter(rc: RunContext, afterId: number, upTo?: number): Promise<Question | null> {
  const conv = rc.conversation;
  if (!conv) return null;
  const rows = await rc.tx
    .find(
      messages,
      eq(messages.conversationId, conv.id),
      eq(messages.direction, 'in'),
      gt(messages.id, afterId),
      upTo === undefined ? undefined : lte(messages.id, upTo),
    )
    .orderBy(desc(messages.id))
    .limit(HISTORY);
  if (rows.length === 0) return null;
  const text = rows
    .reverse()
    .map((m) => m.body?.trim() ?? '')
    .filter(Boolean)
    .join('\n');
  const fallback = (rc.contact.language ?? rc.workspace.locale) === 'en' ? 'en' : 'es';
  return { messageId: rows.at(-1)!.id, firstId: rows[0]!.id, text, language: detectLanguage(text, fallback) };
}

/**
 * One question: a request for a person hands over and thanks end the conversation, without asking anyone;
 * otherwise the matrix is searched and, with a chat API configured, the model writes the answer in its own
 * job (a slow API must not hold the run locked), else the best Q&A answer is sent as it is.
 */
async function takeTurn(rc: RunContext, step: AiStep, wait: AiWait): Promise<Turn> {
  const q = await questionAfter(rc, wait.afterMessageId);
  if (!q) return { wait };
  const taken: AiWait = { ...wait, afterMessageId: q.messageId };
  if (!q.text) return handOver(rc, step, q, { reason: 'no_text' });
  if (asksForHuman(q.text)) return handOver(rc, step, q, { reason: 'asked_for_human' });
  if (isThanks(q.text)) {
    const refused = await say(rc, ASSISTANT_TEXTS[q.language].goodbye);
    if (refused) return refused;
    trace(rc, step, 'answered', { messageId: q.messageId, mode: 'goodbye' });
    return { next: step.next ?? null };
  }
  const hits = await searchKnowledge(rc.tx, q.text, TOP_K);
  const api = chatApiOf(rc.ctx, rc.workspace);
  if (!api) return fromMatrix(rc, step, taken, q, 'retrieval', undefined, hits);
  rc.jobs.push({
    name: AI_JOB,
    data: {
      messageId: q.messageId,
      retrieved: summary(hits),
      chat: buildChat({
        workspaceName: rc.workspace.name,
        instructions: api.instructions,
        language: q.language,
        hits,
        history: await historyBefore(rc, q.firstId),
        question: q.text,
      }),
    },
  });
  // The job answers within its attempts; this deadline only catches a job that never comes back.
  const { aiTimeoutSeconds, aiRetryBaseMs } = rc.ctx.config;
  const deadline = aiTimeoutSeconds * 1000 * CHAT_ATTEMPTS + aiRetryBaseMs * 8 + 60_000;
  return {
    wait: { ...wait, pendingMessageId: q.messageId, timeoutAt: new Date(Date.now() + deadline).toISOString() },
  };
}

/** Retrieval-only answer: the best Q&A pair in the contact's language above the threshold, verbatim. */
async function fromMatrix(
  rc: RunContext,
  step: AiStep,
  wait: AiWait,
  q: Question,
  mode: 'retrieval' | 'retrieval_fallback',
  error?: string,
  found?: KnowledgeHit[],
): Promise<Turn> {
  const hits = found ?? (await searchKnowledge(rc.tx, q.text, TOP_K));
  const detail = { messageId: q.messageId, mode, retrieved: summary(hits), ...(error ? { error } : {}) };
  const best = hits.find(
    (h) => h.kind === 'qa' && h.score >= RETRIEVAL_MIN_SCORE && (!h.language || h.language === q.language),
  );
  if (!best && isGreeting(q.text)) {
    const refused = await say(rc, step.greeting || ASSISTANT_TEXTS[q.language].greeting);
    if (refused) return refused;
    trace(rc, step, 'answered', { ...detail, greeting: true });
    return { wait: { ...wait, pendingMessageId: null, timeoutAt: idleUntil(step) } };
  }
  if (!best) return handOver(rc, step, q, { ...detail, reason: 'no_match' });
  const refused = await say(rc, best.text);
  if (refused) return refused;
  trace(rc, step, 'answered', { ...detail, entryId: best.entryId });
  return afterAnswer(rc, step, wait);
}

/** Counts the turn; the conversation is done at the turn limit, else the next question (already here?) follows. */
async function afterAnswer(rc: RunContext, step: AiStep, wait: AiWait): Promise<Turn> {
  const next: AiWait = { ...wait, turns: wait.turns + 1, pendingMessageId: null, timeoutAt: idleUntil(step) };
  if (next.turns >= step.maxTurns) return { next: step.next ?? null };
  return (await questionAfter(rc, next.afterMessageId)) ? takeTurn(rc, step, next) : { wait: next };
}

async function handOver(rc: RunContext, step: AiStep, q: Question, detail: Record<string, unknown>): Promise<Turn> {
  const refused = await say(rc, step.handoverMessage || ASSISTANT_TEXTS[q.language].handover);
  if (refused) return refused;
  trace(rc, step, 'handover', { messageId: q.messageId, ...detail });
  return { next: step.onHandover ?? null };
}

/** `sayToContact`, its refusal (bot paused, contact blocked, no conversation) ending the turn. */
async function say(rc: RunContext, text: string): Promise<{ stop: string } | { fail: string } | null> {
  const sent = await sayToContact(rc, text);
  if ('stop' in sent) return { stop: sent.stop };
  if ('fail' in sent) return { fail: sent.fail };
  return null;
}

function trace(rc: RunContext, step: AiStep, outcome: string, detail: Record<string, unknown>) {
  rc.trace.push({ stepId: step.id, stepType: step.type, outcome, detail });
}

/** The conversation before the question, oldest first, for the model's context. */
async function historyBefore(rc: RunContext, beforeId: number) {
  if (!rc.conversation) return [];
  const rows = await rc.tx
    .find(messages, and(eq(messages.conversationId, rc.conversation.id), lt(messages.id, beforeId)))
    .orderBy(desc(messages.id))
    .limit(HISTORY);
  return rows
    .reverse()
    .filter((m) => m.body?.trim())
    .map((m) => ({ direction: m.direction, text: m.body!.slice(0, 1000) }));
}
