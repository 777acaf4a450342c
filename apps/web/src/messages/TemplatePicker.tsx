import { renderTemplateText } from '@charla/contracts/templates';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { fetchTemplates } from './messagesApi';

export interface TemplateChoice {
  id: number;
  parameters: string[];
}

interface TemplatePickerProps {
  slug: string;
  channelId: number;
  value: TemplateChoice | null;
  onChange: (choice: TemplateChoice | null) => void;
}

/**
 * Once a WhatsApp window has closed only approved templates can be sent: pick one (name and language),
 * fill its parameters and read the text the contact will get (rendered like the server stores it).
 */
export function TemplatePicker({ slug, channelId, value, onChange }: TemplatePickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const templates = useQuery({
    queryKey: queryKeys.templates(slug, channelId),
    queryFn: () => fetchTemplates(slug, channelId),
  });
  const approved = (templates.data?.items ?? []).filter((tpl) => tpl.status === 'APPROVED');
  const chosen = approved.find((tpl) => tpl.id === value?.id);
  const parameters = value?.parameters ?? [];

  if (templates.error) return <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />;
  if (templates.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (approved.length === 0)
    return (
      <p className="notice notice-warning" role="status">
        {t('messages.composer.template.none')}
      </p>
    );
  return (
    <div className="template-picker" data-testid="template-picker">
      <p className="muted field-hint">{t('messages.composer.template.required')}</p>
      <SelectField
        label={t('messages.composer.template.label')}
        value={String(value?.id ?? '')}
        onChange={(event) => {
          const next = approved.find((tpl) => tpl.id === Number(event.target.value));
          onChange(next ? { id: next.id, parameters: next.parameters.map(() => '') } : null);
        }}
        options={[
          { value: '', label: t('messages.composer.template.choose') },
          ...approved.map((tpl) => ({ value: String(tpl.id), label: `${tpl.name} (${tpl.language})` })),
        ]}
      />
      {chosen?.parameters.map((name, i) => (
        <div className="field" key={name}>
          <label htmlFor={`${id}-${i}`}>{t('messages.composer.template.parameter', { name })}</label>
          <input
            id={`${id}-${i}`}
            value={parameters[i] ?? ''}
            onChange={(event) =>
              onChange({ id: chosen.id, parameters: parameters.map((p, j) => (j === i ? event.target.value : p)) })
            }
          />
        </div>
      ))}
      {chosen && (
        <div className="variable-preview" data-testid="template-preview">
          <span className="muted">{t('messages.composer.preview')}</span>
          <p className="variable-preview-text">{renderTemplateText(chosen.body, chosen.parameters, parameters)}</p>
        </div>
      )}
    </div>
  );
}

/** Whether every parameter of the choice is filled (the server refuses blanks with `template_parameters`). */
export const templateChoiceComplete = (choice: TemplateChoice | null) =>
  choice?.parameters.every((p) => p.trim() !== '') ?? false;
