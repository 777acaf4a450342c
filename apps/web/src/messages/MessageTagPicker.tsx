import { useTranslation } from 'react-i18next';
import type { MessageTag } from '../api/types';
import { SelectField } from '../common/SelectField';

interface MessageTagPickerProps {
  tags: MessageTag[];
  value: MessageTag | null;
  onChange: (tag: MessageTag | null) => void;
}

/**
 * Messenger after its 24-hour window: a reply goes out only with the message tag that truthfully applies
 * (Meta's policy), so the agent picks one, with what each is for under the choice.
 */
export function MessageTagPicker({ tags, value, onChange }: MessageTagPickerProps) {
  const { t } = useTranslation();
  return (
    <div className="template-picker" data-testid="message-tag-picker">
      <p className="muted field-hint">{t('messages.composer.tag.required')}</p>
      <SelectField
        label={t('messages.composer.tag.label')}
        value={value ?? ''}
        onChange={(event) => onChange(tags.find((tag) => tag === event.target.value) ?? null)}
        options={[
          { value: '', label: t('messages.composer.tag.choose') },
          ...tags.map((tag) => ({ value: tag, label: t(`messages.composer.tag.names.${tag}`) })),
        ]}
      />
      {value && <p className="muted field-hint">{t(`messages.composer.tag.help.${value}`)}</p>}
    </div>
  );
}
