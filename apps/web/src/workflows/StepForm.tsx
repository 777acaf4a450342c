import type { StepOf, StepType, WorkflowStep } from '@charla/contracts/workflows';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { AiAssistantForm } from './AiAssistantForm';
import { AssignForm } from './AssignForm';
import { BranchForm } from './BranchForm';
import { DateTimeForm } from './DateTimeForm';
import { HttpForm } from './HttpForm';
import { AddCommentForm, SendMessageForm } from './MessageForms';
import { QuestionForm } from './QuestionForm';
import { SheetsForm } from './SheetsForm';
import {
  CloseConversationForm,
  TriggerWorkflowForm,
  UpdateFieldForm,
  UpdateLifecycleForm,
  UpdateTagForm,
  WaitForm,
} from './SimpleForms';
import type { StepFormProps } from './stepForm';

/** The form of each step type; types whose only setting is where they lead (Jump, Block…) have none. */
const FORMS: { [T in StepType]?: ComponentType<StepFormProps<T>> } = {
  send_message: SendMessageForm,
  ask_question: QuestionForm,
  assign: AssignForm,
  branch: BranchForm,
  update_tag: UpdateTagForm,
  update_field: UpdateFieldForm,
  update_lifecycle: UpdateLifecycleForm,
  close_conversation: CloseConversationForm,
  add_comment: AddCommentForm,
  wait: WaitForm,
  date_time: DateTimeForm,
  http_request: HttpForm,
  trigger_workflow: TriggerWorkflowForm,
  google_sheets_row: SheetsForm,
  ai_assistant: AiAssistantForm,
};

export function StepForm(props: StepFormProps<StepType> & { step: WorkflowStep }) {
  const { t } = useTranslation();
  const Form = FORMS[props.step.type] as
    | ComponentType<StepFormProps<StepType> & { step: StepOf<StepType> }>
    | undefined;
  if (!Form) return <p className="muted">{t('workflows.form.noFields')}</p>;
  return <Form {...props} />;
}
