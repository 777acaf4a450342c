import { stepSchema, type WorkflowStep } from '@charla/contracts/workflows';

/** Lines left blank in a one-per-line list (choices, buttons, tags) are dropped, not errors. */
export function cleanStep(step: WorkflowStep): WorkflowStep {
  const clean = (list: string[]) => list.filter((item) => item.trim() !== '');
  if (step.type === 'send_message') return { ...step, buttons: clean(step.buttons) };
  if (step.type === 'ask_question') return { ...step, choices: clean(step.choices) };
  if (step.type === 'update_tag') return { ...step, tags: clean(step.tags) };
  return step;
}

export type FieldErrorKind = 'required' | 'invalid';

/** The step's field errors by the same schema the engine uses: `text` → required, `branches.0.conditions.1.value` → invalid… */
export function stepErrors(step: WorkflowStep): Record<string, FieldErrorKind> {
  const parsed = stepSchema.safeParse(cleanStep(step));
  if (parsed.success) return {};
  const errors: Record<string, FieldErrorKind> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const required = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1;
    errors[path] ??= required ? 'required' : 'invalid';
  }
  return errors;
}
