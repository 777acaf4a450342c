import { useTranslation } from 'react-i18next';
import { LinesInput, TextInput } from './fields';
import type { StepFormProps } from './stepForm';

/** Enviar mensaje: the text (variables allowed) and optional quick-reply buttons. */
export function SendMessageForm({ step, onChange, err }: StepFormProps<'send_message'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        multiline
        label={t('workflows.form.text')}
        value={step.text}
        error={err('text')}
        onChange={(text) => onChange({ ...step, text })}
      />
      <LinesInput
        label={t('workflows.form.buttons')}
        hint={t('workflows.form.onePerLine')}
        value={step.buttons}
        error={err('buttons')}
        onChange={(buttons) => onChange({ ...step, buttons })}
      />
    </>
  );
}

/** Agregar comentario: an internal note on the conversation. */
export function AddCommentForm({ step, onChange, err }: StepFormProps<'add_comment'>) {
  const { t } = useTranslation();
  return (
    <TextInput
      multiline
      label={t('workflows.form.comment')}
      value={step.text}
      error={err('text')}
      onChange={(text) => onChange({ ...step, text })}
    />
  );
}
