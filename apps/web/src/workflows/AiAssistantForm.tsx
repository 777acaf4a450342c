import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NumberInput, TextInput } from './fields';
import type { StepFormProps } from './stepForm';

/** Asistente de IA: what it says on its own, and when the conversation is done. */
export function AiAssistantForm({ slug, step, onChange, err }: StepFormProps<'ai_assistant'>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
  return (
    <>
      <p className="muted">
        {t('workflows.form.aiHint')} <Link to={`/w/${slug}/settings/knowledge`}>{t('settings.knowledge.title')}</Link>
        {' · '}
        <Link to={`/w/${slug}/settings/ai`}>{t('workflows.form.aiSettingsLink')}</Link>
      </p>
      <TextInput
        label={t('workflows.form.aiGreeting')}
        multiline
        value={step.greeting}
        error={err('greeting')}
        onChange={(greeting) => set({ greeting: greeting || undefined })}
      />
      <TextInput
        label={t('workflows.form.aiHandoverMessage')}
        multiline
        value={step.handoverMessage}
        error={err('handoverMessage')}
        onChange={(handoverMessage) => set({ handoverMessage: handoverMessage || undefined })}
      />
      <NumberInput
        label={t('workflows.form.aiMaxTurns')}
        value={step.maxTurns}
        error={err('maxTurns')}
        onChange={(maxTurns) => set({ maxTurns: maxTurns ?? 10 })}
      />
      <NumberInput
        label={t('workflows.form.aiIdleMinutes')}
        value={step.idleMinutes}
        error={err('idleMinutes')}
        onChange={(idleMinutes) => set({ idleMinutes: idleMinutes ?? 30 })}
      />
    </>
  );
}
