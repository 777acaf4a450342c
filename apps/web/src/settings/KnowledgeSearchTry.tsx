import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../common/ErrorNotice';
import { useDebouncedValue } from '../common/useDebouncedValue';
import { searchKnowledge } from './knowledgeApi';

/** "Try the search": what the assistant would retrieve for a question, with each piece's score. */
export function KnowledgeSearchTry({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q.trim(), 300);
  const hits = useQuery({
    queryKey: ['w', slug, 'knowledge', 'search', query],
    queryFn: () => searchKnowledge(slug, query),
    enabled: query.length > 0,
  });
  return (
    <section className="card" aria-labelledby="knowledge-try">
      <h2 id="knowledge-try">{t('settings.knowledge.tryTitle')}</h2>
      <p className="muted">{t('settings.knowledge.tryHint')}</p>
      <input
        type="search"
        aria-label={t('settings.knowledge.tryTitle')}
        placeholder={t('settings.knowledge.tryPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {hits.error ? <ErrorNotice error={hits.error} /> : null}
      {query && hits.data?.hits.length === 0 && <p className="muted">{t('settings.knowledge.noHits')}</p>}
      {query && hits.data && hits.data.hits.length > 0 && (
        <ol className="plain-list" data-testid="knowledge-hits">
          {hits.data.hits.map((h) => (
            <li key={h.chunkId}>
              <strong>{h.title}</strong>{' '}
              <span className="badge badge-muted">
                {t('settings.knowledge.score', { percent: Math.round(h.score * 100) })}
              </span>
              <div className="muted">{h.text}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
