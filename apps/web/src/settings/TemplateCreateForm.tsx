import { TEMPLATE_CATEGORIES, type TemplateDraft, templatePlaceholders } from '@charla/contracts/templates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TemplateHeaderFile } from '../messages/TemplateHeaderFile';
import { TextField } from '../common/TextField';
import { createTemplate } from './settingsApi';

/**
 * "New template": a WhatsApp template submitted to Meta for review — name, language, category, an optional
 * text header or a media header with an example file (the server uploads it to Meta), the body with `{{1}}`
 * variables (one example each, as Meta requires), an optional footer and a link button. It appears as
 * pending; the status webhook or a sync approves it.
 */
export function TemplateCreateForm({ slug, channelId }: { slug: string; channelId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('es');
  const [category, setCategory] = useState<TemplateDraft['category']>('UTILITY');
  const [headerFormat, setHeaderFormat] = useState<TemplateDraft['headerFormat']>('TEXT');
  const [headerFile, setHeaderFile] = useState<{ id: number; name: string } | null>(null);
  const [header, setHeader] = useState('');
  const [body, setBody] = useState('');
  const [examples, setExamples] = useState<string[]>([]);
  const [footer, setFooter] = useState('');
  const [buttonText, setButtonText] = useState('');
  const [buttonUrl, setButtonUrl] = useState('');
  const variables = templatePlaceholders(body);
  const create = useMutation({
    mutationFn: (draft: Partial<TemplateDraft>) => createTemplate(slug, channelId, draft),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.templates(slug, channelId) });
      setName('');
      setHeader('');
      setHeaderFile(null);
      setBody('');
      setExamples([]);
      setFooter('');
      setButtonText('');
      setButtonUrl('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      language: language.trim(),
      category,
      body,
      bodyExamples: variables.map((_, i) => examples[i] ?? ''),
      headerFormat,
      ...(headerFormat === 'TEXT' && header.trim() ? { header } : {}),
      ...(headerFormat !== 'TEXT' && headerFile ? { headerFileId: headerFile.id } : {}),
      ...(footer.trim() ? { footer } : {}),
      buttons: buttonText.trim() && buttonUrl.trim() ? [{ type: 'URL', text: buttonText, url: buttonUrl }] : [],
    });
  };

  if (!open)
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {t('settings.channels.templates.new')}
      </button>
    );
  return (
    <form className="card template-create" onSubmit={submit} aria-label={t('settings.channels.templates.new')}>
      <TextField
        label={t('settings.channels.templates.name')}
        hint={t('settings.channels.templates.nameHint')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <TextField
        label={t('settings.channels.templates.language')}
        hint={t('settings.channels.templates.languageHint')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        required
      />
      <SelectField
        label={t('settings.channels.templates.category')}
        value={category}
        onChange={(e) => setCategory(e.target.value as TemplateDraft['category'])}
        options={TEMPLATE_CATEGORIES.map((c) => ({
          value: c,
          label: t(`settings.channels.templates.categories.${c}`),
        }))}
      />
      <SelectField
        label={t('settings.channels.templates.headerFormat')}
        value={headerFormat}
        onChange={(e) => setHeaderFormat(e.target.value as TemplateDraft['headerFormat'])}
        options={(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const).map((f) => ({
          value: f,
          label: t(`settings.channels.templates.headerFormats.${f}`),
        }))}
      />
      {headerFormat === 'TEXT' ? (
        <TextField
          label={t('settings.channels.templates.header')}
          value={header}
          onChange={(e) => setHeader(e.target.value)}
          maxLength={60}
        />
      ) : (
        <>
          <TemplateHeaderFile slug={slug} format={headerFormat} value={headerFile} onChange={setHeaderFile} />
          <small className="field-hint">{t('settings.channels.templates.headerExampleHint')}</small>
        </>
      )}
      <div className="field">
        <label htmlFor={bodyId}>{t('settings.channels.templates.body')}</label>
        <textarea
          id={bodyId}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={4}
          maxLength={1024}
          required
        />
        <small className="field-hint">
          {t('settings.channels.templates.bodyHint', { one: '{{1}}', two: '{{2}}' })}
        </small>
      </div>
      {variables.map((v, i) => (
        <TextField
          key={v}
          label={t('settings.channels.templates.example', { variable: `{{${v}}}` })}
          value={examples[i] ?? ''}
          onChange={(e) => setExamples((list) => Object.assign([...list], { [i]: e.target.value }))}
          required
        />
      ))}
      <TextField
        label={t('settings.channels.templates.footer')}
        value={footer}
        onChange={(e) => setFooter(e.target.value)}
        maxLength={60}
      />
      <TextField
        label={t('settings.channels.templates.buttonText')}
        value={buttonText}
        onChange={(e) => setButtonText(e.target.value)}
        maxLength={25}
      />
      <TextField
        label={t('settings.channels.templates.buttonUrl')}
        type="url"
        value={buttonUrl}
        onChange={(e) => setButtonUrl(e.target.value)}
      />
      {create.error && <ErrorNotice error={create.error} />}
      {create.data && (
        <p className="notice" role="status">
          {t('settings.channels.templates.submitted', { name: create.data.template.name })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('settings.channels.templates.submit')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('settings.channels.templates.cancel')}
        </button>
      </div>
    </form>
  );
}
