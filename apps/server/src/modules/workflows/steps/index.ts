import type { StepType } from '@charla/contracts/workflows';
import type { StepExecutor } from '../step-context';
import { triggerWorkflowStep } from '../triggers';
import { aiAssistantStep } from './ai';
import { assignStep } from './assign';
import { branchStep } from './branch';
import { blockContactStep, updateFieldStep, updateLifecycleStep, updateTagStep } from './contact';
import { closeConversationStep, openConversationStep } from './conversation';
import { httpRequestStep } from './http';
import { addCommentStep, sendMessageStep } from './messaging';
import { askQuestionStep } from './question';
import { googleSheetsRowStep } from './sheets';
import { dateTimeStep, waitStep } from './timing';

/** Every step type's executor (`jump` is the engine's own). */
export const stepExecutors: { [T in Exclude<StepType, 'jump'>]: StepExecutor<T> } = {
  send_message: sendMessageStep,
  ask_question: askQuestionStep,
  assign: (rc, step) => assignStep(rc, step),
  branch: branchStep,
  update_tag: updateTagStep,
  update_field: updateFieldStep,
  update_lifecycle: updateLifecycleStep,
  open_conversation: openConversationStep,
  close_conversation: closeConversationStep,
  add_comment: addCommentStep,
  block_contact: blockContactStep,
  wait: waitStep,
  date_time: dateTimeStep,
  http_request: httpRequestStep,
  trigger_workflow: triggerWorkflowStep,
  google_sheets_row: googleSheetsRowStep,
  ai_assistant: aiAssistantStep,
};
