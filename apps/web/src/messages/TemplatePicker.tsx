import { renderTemplateText } from '@charla/contracts/templates';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { MessageTemplate } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { fetchTemplates } from './messagesApi';
import { TemplateHeaderFile } from './TemplateHeaderFile';

export interface TemplateChoice {
  id: number;
  parameters: string[];
  /** The value of a TEXT header's variable ('' when the template has none or it is not filled yet). */
  headerParameter: string;
  /** The file from Files sent as the template's media header (null until one is uploaded). */
  headerFile: { id: number; name: string } | null;
  /** The `{{1}}` suffix of each URL button that has one, in button order. */
  buttonParameters: string[];
  /** What a complete choice needs: a header file, and how many suffixes. */
  needs: { headerFile: boolean; headerParameter: boolean };
}

interface TemplatePickerProps {
  slug: string;
  channelId: number;
  value: TemplateChoice | null;
  onChange: (choice: TemplateChoice | null) => void;
}

const choiceFor = (tpl: MessageTemplate): TemplateChoice => ({
  id: tpl.id,
  parameters: tpl.parameters.map(() => ''),
  headerParameter: '',
  headerFile: null,
  buttonParameters: tpl.urlButtons.map(() => ''),
  needs: { headerFile: tpl.mediaHeader !== null, headerParameter: tpl.textHeader !== null },
});

/**
 * Once a WhatsApp window has closed only approved templates can be sent: pick one (name and language),
 * fill its parameters (and its header file and link suffixes when it has them) and read what the contact
 * will get (the body rendered like the server stores it).
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

  if (templates.error) return <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />;
  if (templates.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (approved.length === 0)
    return (
      <p className="notice notice-warning" role="status">
        {t('messages.composer.template.none')}
      </p>
    );
  const parameters = value?.parameters ?? [];
  const suffixes = value?.buttonParameters ?? [];
  return (
    <div className="template-picker" data-testid="template-picker">
      <p className="muted field-hint">{t('messages.composer.template.required')}</p>
      <SelectField
        label={t('messages.composer.template.label')}
        value={String(value?.id ?? '')}
        onChange={(event) => {
          const next = approved.find((tpl) => tpl.id === Number(event.target.value));
          onChange(next ? choiceFor(next) : null);
        }}
        options={[
          { value: '', label: t('messages.composer.template.choose') },
          ...approved.map((tpl) => ({ value: String(tpl.id), label: `${tpl.name} (${tpl.language})` })),
        ]}
      />
      {chosen && value && chosen.mediaHeader && (
        <TemplateHeaderFile
          slug={slug}
          format={chosen.mediaHeader}
          value={value.headerFile}
          onChange={(headerFile) => onChange({ ...value, headerFile })}
        />
      )}
      {chosen?.textHeader && value && (
        <div className="field">
          <label htmlFor={`${id}-header`}>
            {t('messages.composer.template.headerParameter', { name: chosen.textHeader.parameter })}
          </label>
          <input
            id={`${id}-header`}
            value={value.headerParameter}
            maxLength={60}
            onChange={(event) => onChange({ ...value, headerParameter: event.target.value })}
          />
        </div>
      )}
      {chosen?.parameters.map((name, i) => (
        <div className="field" key={name}>
          <label htmlFor={`${id}-${i}`}>{t('messages.composer.template.parameter', { name })}</label>
          <input
            id={`${id}-${i}`}
            value={parameters[i] ?? ''}
            onChange={(event) =>
              value && onChange({ ...value, parameters: parameters.map((p, j) => (j === i ? event.target.value : p)) })
            }
          />
        </div>
      ))}
      {chosen?.urlButtons.map((button, i) => (
        <div className="field" key={button.index}>
          <label htmlFor={`${id}-button-${i}`}>
            {t('messages.composer.template.buttonSuffix', { text: button.text })}
          </label>
          <input
            id={`${id}-button-${i}`}
            value={suffixes[i] ?? ''}
            onChange={(event) =>
              value &&
              onChange({ ...value, buttonParameters: suffixes.map((p, j) => (j === i ? event.target.value : p)) })
            }
          />
        </div>
      ))}
      {chosen && (
        <div className="variable-preview" data-testid="template-preview">
          <span className="muted">{t('messages.composer.preview')}</span>
          {chosen.mediaHeader && (
            <p className="muted">
              {t(`messages.composer.template.header.${chosen.mediaHeader}`)}:{' '}
              {value?.headerFile?.name ?? t('messages.composer.template.noFile')}
            </p>
          )}
          {chosen.textHeader && (
            <p className="variable-preview-text">
              <strong>
                {renderTemplateText(
                  chosen.textHeader.text,
                  [chosen.textHeader.parameter],
                  [value?.headerParameter ?? ''],
                )}
              </strong>
            </p>
          )}
          <p className="variable-preview-text">{renderTemplateText(chosen.body, chosen.parameters, parameters)}</p>
          {chosen.urlButtons.map((button, i) => (
            <p key={button.index} className="muted">
              {button.text}: {renderTemplateText(button.url, ['1'], [suffixes[i] ?? ''])}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** Whether every value the template needs is given (the server refuses blanks and a missing header file). */
export const templateChoiceComplete = (choice: TemplateChoice | null) =>
  !!choice &&
  choice.parameters.every((p) => p.trim() !== '') &&
  choice.buttonParameters.every((p) => p.trim() !== '') &&
  (!choice.needs.headerParameter || choice.headerParameter.trim() !== '') &&
  (!choice.needs.headerFile || choice.headerFile !== null);

/** The reply API's `template` for a choice. */
export const templateInput = (choice: TemplateChoice) => ({
  id: choice.id,
  parameters: choice.parameters,
  ...(choice.needs.headerParameter ? { headerParameter: choice.headerParameter } : {}),
  ...(choice.headerFile ? { headerFileId: choice.headerFile.id } : {}),
  buttonParameters: choice.buttonParameters,
});
