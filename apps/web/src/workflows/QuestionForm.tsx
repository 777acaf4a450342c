import { DATE_FORMATS, QUESTION_TYPES } from '@charla/contracts/workflows';
import { useTranslation } from 'react-i18next';
import { LinesInput, NumberInput, Select, TextInput } from './fields';
import { SaveTargetField } from './SaveTargetField';
import type { StepFormProps } from './stepForm';

/** Hacer una pregunta: text, type and its options, invalid-answer message, re-asks, timeout and where to save. */
export function QuestionForm({ step, onChange, err }: StepFormProps<'ask_question'>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  return (
    <>
      <TextInput
        multiline
        label={t('workflows.form.question')}
        value={step.text}
        error={err('text')}
        onChange={(text) => set({ text })}
      />
      <Select
        label={t('workflows.form.questionType')}
        value={step.questionType}
        options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`workflows.form.questionTypes.${q}`) }))}
        onChange={(questionType) => set({ questionType })}
      />
      {step.questionType === 'multiple_choice' && (
        <LinesInput
          label={t('workflows.form.choices')}
          hint={t('workflows.form.onePerLine')}
          value={step.choices}
          error={err('choices')}
          onChange={(choices) => set({ choices })}
        />
      )}
      {step.questionType === 'number' && (
        <div className="form-row">
          <NumberInput
            label={t('workflows.form.min')}
            value={step.min}
            error={err('min')}
            onChange={(min) => set({ min })}
          />
          <NumberInput
            label={t('workflows.form.max')}
            value={step.max}
            error={err('max')}
            onChange={(max) => set({ max })}
          />
        </div>
      )}
      {step.questionType === 'date' && (
        <Select
          label={t('workflows.form.dateFormat')}
          value={step.dateFormat}
          options={DATE_FORMATS.map((f) => ({ value: f, label: f }))}
          onChange={(dateFormat) => set({ dateFormat })}
        />
      )}
      <TextInput
        multiline
        label={t('workflows.form.invalidMessage')}
        value={step.invalidMessage}
        error={err('invalidMessage')}
        onChange={(invalidMessage) => set({ invalidMessage: invalidMessage || undefined })}
      />
      <div className="form-row">
        <NumberInput
          label={t('workflows.form.maxAttempts')}
          value={step.maxAttempts}
          error={err('maxAttempts')}
          onChange={(maxAttempts) => set({ maxAttempts: maxAttempts ?? 0 })}
        />
        <NumberInput
          label={t('workflows.form.timeoutMinutes')}
          value={step.timeoutMinutes}
          error={err('timeoutMinutes')}
          onChange={(timeoutMinutes) => set({ timeoutMinutes })}
        />
      </div>
      <SaveTargetField value={step.saveTo} err={err} onChange={(saveTo) => set({ saveTo })} />
    </>
  );
}
