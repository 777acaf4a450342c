import type { KnowledgeEntryDto } from '@charla/contracts/knowledge';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { useMembership } from '../shell/useWorkspace';
import { blankDraft, draftOf, inputOf, type KnowledgeDraft, KnowledgeEntryForm } from './KnowledgeEntryForm';
import { KnowledgeSearchTry } from './KnowledgeSearchTry';
import {
  deleteKnowledgeEntry,
  fetchKnowledge,
  fetchKnowledgeEntry,
  knowledgeKey,
  saveKnowledgeEntry,
} from './knowledgeApi';
import { useSettingsMutation } from './useSettingsMutation';

/**
 * Settings → Matriz de conocimientos: the Q&A pairs and documents the AI assistant answers from, and a
 * search box to see what it would retrieve. Every member reads it; owners and managers edit it.
 */
export function KnowledgeSettings() {
  const { t } = useTranslation();
  const membership = useMembership();
  const slug = membership.workspace.slug;
  const edits = membership.role !== 'agent';
  const entries = useQuery({ queryKey: knowledgeKey(slug), queryFn: () => fetchKnowledge(slug) });
  const [draft, setDraft] = useState<KnowledgeDraft | null>(null);
  const save = useSettingsMutation(
    (d: KnowledgeDraft) => saveKnowledgeEntry(slug, d.id, inputOf(d)),
    knowledgeKey(slug),
    () => setDraft(null),
  );
  const remove = useSettingsMutation((e: KnowledgeEntryDto) => deleteKnowledgeEntry(slug, e.id), knowledgeKey(slug));
  const edit = useSettingsMutation(
    async (e: KnowledgeEntryDto) => setDraft(draftOf(await fetchKnowledgeEntry(slug, e.id))),
    knowledgeKey(slug),
  );
  const start = (kind: KnowledgeDraft['kind']) => {
    save.reset();
    setDraft(blankDraft(kind));
  };

  return (
    <div className="settings-section">
      <section className="card">
        <h2>{t('settings.knowledge.title')}</h2>
        <p className="muted">{t('settings.knowledge.intro')}</p>
        {edits && !draft && (
          <div className="form-actions">
            <button type="button" className="button" onClick={() => start('qa')}>
              {t('settings.knowledge.addQa')}
            </button>
            <button type="button" className="button" onClick={() => start('document')}>
              {t('settings.knowledge.addDocument')}
            </button>
          </div>
        )}
        {draft && (
          <KnowledgeEntryForm
            key={draft.id ?? `new-${draft.kind}`}
            initial={draft}
            pending={save.isPending}
            error={save.error}
            onSave={(d) => save.mutate(d)}
            onCancel={() => setDraft(null)}
          />
        )}
        {entries.error && <ErrorNotice error={entries.error} />}
        {entries.data?.items.length === 0 && <p className="muted">{t('settings.knowledge.empty')}</p>}
        <ul className="plain-list" aria-label={t('settings.knowledge.listLabel')}>
          {entries.data?.items.map((e) => (
            <li key={e.id}>
              <span className="badge badge-muted">{t(`settings.knowledge.kinds.${e.kind}`)}</span>{' '}
              <strong>{e.title}</strong>
              {e.language && <span className="muted"> · {t(`languages.${e.language}`)}</span>}
              {e.kind === 'document' && (
                <span className="muted"> · {t('settings.knowledge.chunks', { count: e.chunks })}</span>
              )}
              <div className="muted snippet-text">{e.text}</div>
              {edits && (
                <span className="row-actions">
                  <button type="button" className="link-button" onClick={() => edit.mutate(e)}>
                    {t('settings.edit')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('settings.removeNamed', { name: e.title })}
                    onClick={() => remove.mutate(e)}
                  >
                    {t('settings.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
        {remove.error && <ErrorNotice error={remove.error} />}
        {edit.error && <ErrorNotice error={edit.error} />}
      </section>
      <KnowledgeSearchTry slug={slug} />
    </div>
  );
}
