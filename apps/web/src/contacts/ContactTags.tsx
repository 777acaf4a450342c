import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import type { ContactDetails } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { contactsApi } from './contactsApi';
import { useContactAction } from './useContactAction';

/** The contact's tags: remove one, or add one by name (an unknown name creates the tag). */
export function ContactTags({ slug, contact }: { slug: string; contact: ContactDetails }) {
  const { t } = useTranslation();
  const tags = useQuery({ queryKey: queryKeys.tags(slug), queryFn: () => contactsApi.tags(slug) });
  const { run, error } = useContactAction(slug, tags.refetch);
  const [name, setName] = useState('');

  function add(event: FormEvent) {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) return;
    void run(async () => {
      const existing = tags.data?.items.find((tag) => tag.name.toLowerCase() === wanted.toLowerCase());
      const tag = existing ?? (await contactsApi.createTag(slug, wanted));
      await contactsApi.addTag(slug, contact.id, tag.id);
      setName('');
    });
  }

  return (
    <section className="card">
      <h2>{t('contact.tags')}</h2>
      <ul className="tag-list">
        {contact.tags.map((tag) => (
          <li key={tag.id} className="tag" style={tag.color ? { borderColor: tag.color } : undefined}>
            {tag.name}
            <button
              type="button"
              className="tag-remove"
              aria-label={t('contact.removeTag', { name: tag.name })}
              onClick={() => void run(() => contactsApi.removeTag(slug, contact.id, tag.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={add}>
        <input
          aria-label={t('contact.addTag')}
          placeholder={t('contact.addTag')}
          list={`tags-${contact.id}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <datalist id={`tags-${contact.id}`}>
          {tags.data?.items.map((tag) => (
            <option key={tag.id} value={tag.name} />
          ))}
        </datalist>
        <button type="submit" className="button button-small">
          {t('contact.add')}
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
