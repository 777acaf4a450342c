import type { StepOf, StepType } from '@charla/contracts/workflows';

/** What every step form gets: its step, a setter for the whole step and the translated error of a field path. */
export interface StepFormProps<T extends StepType> {
  slug: string;
  step: StepOf<T>;
  onChange: (step: StepOf<T>) => void;
  err: (path: string) => string | undefined;
}
