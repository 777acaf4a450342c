import type { StepOf } from '@charla/contracts/workflows';
import { eq } from 'drizzle-orm';
import { messages, type RunWait } from '../../../db/schema';
import { AppError } from '../../../http/errors';
import { checkAnswer } from '../answers';
import type { RunContext, StepExecutor } from '../step-context';
import { setFieldForRun, tagForRun } from './contact';
import { sayToContact } from './messaging';

type AnswerWait = Extract<RunWait, { kind: 'answer' }>;

const DEFAULT_INVALID: Record<string, string> = {
  es: 'No pude entender tu respuesta. Inténtalo de nuevo, por favor.',
  en: 'Sorry, I could not understand that answer. Please try again.',
};

const ask = (rc: RunContext, step: StepOf<'ask_question'>, text: string) =>
  sayToContact(rc, text, step.questionType === 'multiple_choice' ? step.choices : []);

/** Sends the question and waits for the contact's next message (and for the timeout, if any). */
export const askQuestionStep: StepExecutor<'ask_question'> = async (rc, step) => {
  const sent = await ask(rc, step, step.text);
  if (!('next' in sent)) return sent;
  const timeoutAt = step.timeoutMinutes ? new Date(Date.now() + step.timeoutMinutes * 60_000).toISOString() : null;
  return {
    wait: { kind: 'answer', stepId: step.id, attempts: 0, afterMessageId: sent.messageId!, timeoutAt },
    detail: { messageId: sent.messageId, timeoutAt },
  };
};

/**
 * A reply arrived while the run waited on a question: a valid answer is saved and the run goes on; an
 * invalid one gets the invalid-answer message and the question waits again, until `maxAttempts` re-asks
 * are used up and the run takes `onInvalid`. Returns the next step, or undefined while still waiting.
 */
export async function resumeQuestion(
  rc: RunContext,
  step: StepOf<'ask_question'>,
  wait: AnswerWait,
  messageId: number,
): Promise<string | null | undefined> {
  const [msg] = await rc.tx.find(messages, eq(messages.id, messageId));
  const keepWaiting = () => {
    rc.state.status = 'waiting';
    rc.state.wait = wait;
    return undefined;
  };
  // Only a message the contact sent after the question answers it (not the one that started the run).
  if (!msg || msg.direction !== 'in' || msg.contactId !== rc.contact.id || msg.id <= wait.afterMessageId)
    return keepWaiting();
  const check = checkAnswer(step, msg, rc.workspace.defaultCountry);
  if (check.ok) {
    try {
      await saveAnswer(rc, step, check.value);
    } catch (err) {
      // A value the contact field refuses (a custom field's type) counts as an invalid answer.
      if (!(err instanceof AppError)) throw err;
      return invalidAnswer(rc, step, wait, msg.id, err.message);
    }
    rc.trace.push({
      stepId: step.id,
      stepType: step.type,
      outcome: 'answered',
      detail: { messageId: msg.id, value: check.value, savedTo: step.saveTo },
    });
    return step.next ?? null;
  }
  return invalidAnswer(rc, step, wait, msg.id, check.reason);
}

async function invalidAnswer(
  rc: RunContext,
  step: StepOf<'ask_question'>,
  wait: AnswerWait,
  messageId: number,
  reason: string,
): Promise<string | null | undefined> {
  const attempts = wait.attempts + 1;
  const exhausted = attempts > step.maxAttempts;
  rc.trace.push({
    stepId: step.id,
    stepType: step.type,
    outcome: 'invalid_answer',
    detail: { messageId, reason, attempt: attempts, exhausted },
  });
  if (exhausted) return step.onInvalid ?? null;
  const lang = rc.workspace.locale === 'en' ? 'en' : 'es';
  const sent = await ask(rc, step, step.invalidMessage?.trim() || `${DEFAULT_INVALID[lang]}\n\n${step.text}`);
  if (!('next' in sent)) {
    rc.state.status = 'stop' in sent ? 'stopped' : 'failed';
    rc.state.reason = 'stop' in sent ? sent.stop : 'fail' in sent ? sent.fail : null;
    return undefined;
  }
  rc.state.status = 'waiting';
  rc.state.wait = { ...wait, attempts, afterMessageId: sent.messageId! };
  return undefined;
}

async function saveAnswer(rc: RunContext, step: StepOf<'ask_question'>, value: string) {
  const target = step.saveTo;
  if (target.kind === 'field') await setFieldForRun(rc, target.field, value);
  else if (target.kind === 'variable') rc.variables[target.name] = value;
  else if (target.kind === 'tag') await tagForRun(rc, value, 'added');
}
