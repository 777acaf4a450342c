import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceSettings } from '../api/useWorkspaceData';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { useConversationAction } from './useConversationAction';

interface CloseConversationFormProps {
  slug: string;
  conversationId: number;
  onDone: () => void;
}

/** Closing with a closing note (Notas de cierre), as the workspace's mode asks: off, optional or required. */
export function CloseConversationForm({ slug, conversationId, onDone }: CloseConversationFormProps) {
  const { t } = useTranslation();
  const summaryId = useId();
  const settings = useWorkspaceSettings(slug).data?.closingNotes ?? { mode: 'optional' as const, categories: [] };
  const action = useConversationAction(slug, conversationId);
  const [category, setCategory] = useState('');
  const [summary, setSummary] = useState('');
  const asks = settings.mode !== 'off';
  const categoryRequired = settings.mode === 'category' || settings.mode === 'required';

  function submit(event: FormEvent) {
    event.preventDefault();
    action.mutate(
      { kind: 'close', category: asks ? category || null : null, summary: asks ? summary.trim() || null : null },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="close-form card" onSubmit={submit} aria-label={t('messages.closing.title')}>
      <h3>{t('messages.closing.title')}</h3>
      {asks && settings.categories.length > 0 && (
        <SelectField
          label={t('messages.closing.category')}
          value={category}
          required={categoryRequired}
          onChange={(event) => setCategory(event.target.value)}
          options={[
            { value: '', label: t('messages.closing.chooseCategory') },
            ...settings.categories.map((c) => ({ value: c, label: c })),
          ]}
        />
      )}
      {asks && settings.categories.length === 0 && (
        <div className="field">
          <label htmlFor={`${summaryId}-category`}>{t('messages.closing.category')}</label>
          <input
            id={`${summaryId}-category`}
            value={category}
            required={categoryRequired}
            onChange={(event) => setCategory(event.target.value)}
          />
        </div>
      )}
      {asks && (
        <div className="field">
          <label htmlFor={summaryId}>{t('messages.closing.summary')}</label>
          <textarea
            id={summaryId}
            rows={3}
            value={summary}
            required={settings.mode === 'required'}
            onChange={(event) => setSummary(event.target.value)}
          />
        </div>
      )}
      {action.error && <ErrorNotice error={action.error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={action.isPending}>
          {t('messages.closing.submit')}
        </button>
      </div>
    </form>
  );
}
