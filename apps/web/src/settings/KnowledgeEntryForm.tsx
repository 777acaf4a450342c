import type { KnowledgeEntryDto, KnowledgeInput } from '@charla/contracts/knowledge';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

export interface KnowledgeDraft {
  id?: number;
  kind: KnowledgeEntryDto['kind'];
  title: string;
  alternatives: string;
  text: string;
  language: '' | 'es' | 'en';
}

export const blankDraft = (kind: KnowledgeDraft['kind']): KnowledgeDraft => ({
  kind,
  title: '',
  alternatives: '',
  text: '',
  language: '',
});

export const draftOf = (e: KnowledgeEntryDto): KnowledgeDraft => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  alternatives: e.alternatives.join('\n'),
  text: e.text,
  language: e.language ?? '',
});

/** The request body of a draft: a Q&A pair or a document. */
export function inputOf(d: KnowledgeDraft): KnowledgeInput {
  const language = d.language || null;
  if (d.kind === 'document') return { kind: 'document', title: d.title, text: d.text, language };
  const alternatives = d.alternatives
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);
  return { kind: 'qa', question: d.title, alternatives, answer: d.text, language };
}

/**
 * Creates or edits one entry. A document's text is pasted or read from a .txt/.md file in the browser
 * (it is sent as text; the server splits it into chunks).
 */
export function KnowledgeEntryForm({
  initial,
  pending,
  error,
  onSave,
  onCancel,
}: {
  initial: KnowledgeDraft;
  pending: boolean;
  error: unknown;
  onSave: (draft: KnowledgeDraft) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const textId = useId();
  const altId = useId();
  const qa = draft.kind === 'qa';
  const set = (patch: Partial<KnowledgeDraft>) => setDraft({ ...draft, ...patch });

  async function load(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setDraft((d) => ({ ...d, text, title: d.title || file.name.replace(/\.(md|markdown|txt)$/i, '') }));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(draft);
  }

  return (
    <form
      className="form-grid"
      onSubmit={submit}
      aria-label={qa ? t('settings.knowledge.addQa') : t('settings.knowledge.addDocument')}
    >
      <TextField
        label={qa ? t('settings.knowledge.question') : t('settings.knowledge.docTitle')}
        required
        maxLength={qa ? 500 : 200}
        value={draft.title}
        onChange={(e) => set({ title: e.target.value })}
      />
      {qa && (
        <div className="field">
          <label htmlFor={altId}>{t('settings.knowledge.alternatives')}</label>
          <textarea
            id={altId}
            rows={2}
            value={draft.alternatives}
            onChange={(e) => set({ alternatives: e.target.value })}
          />
        </div>
      )}
      {!qa && (
        <div className="field">
          <label>
            {t('settings.knowledge.upload')}
            <input type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" onChange={load} />
          </label>
        </div>
      )}
      <div className="field">
        <label htmlFor={textId}>{qa ? t('settings.knowledge.answer') : t('settings.knowledge.docText')}</label>
        <textarea
          id={textId}
          rows={qa ? 4 : 10}
          required
          maxLength={qa ? 5000 : 200_000}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </div>
      <SelectField
        label={t('settings.knowledge.language')}
        value={draft.language}
        options={[
          { value: '', label: t('settings.knowledge.anyLanguage') },
          { value: 'es', label: t('languages.es') },
          { value: 'en', label: t('languages.en') },
        ]}
        onChange={(e) => set({ language: e.target.value as KnowledgeDraft['language'] })}
      />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('settings.knowledge.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {t('settings.knowledge.save')}
        </button>
      </div>
    </form>
  );
}
