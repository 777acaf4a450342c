import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import type { Tag } from '../api/types';
import { useTags } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { TextField } from '../common/TextField';
import { useMembership } from '../shell/useWorkspace';
import { useSettingsMutation } from './useSettingsMutation';

type Change = { id?: number; name?: string; color?: string | null };

/** Settings → Tags: the contact tags the inbox filters by. Deleting one removes it from every contact. */
export function TagsSettings() {
  const { t } = useTranslation();
  const slug = useMembership().workspace.slug;
  const base = `${workspacePath(slug)}/tags`;
  const tags = useTags(slug);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#0f7b6c');
  const save = useSettingsMutation(
    ({ id, ...body }: Change) => (id ? api.patch(`${base}/${id}`, body) : api.post(base, body)),
    queryKeys.tags(slug),
  );
  const remove = useSettingsMutation((tag: Tag) => api.delete(`${base}/${tag.id}`), queryKeys.tags(slug));

  function create(event: FormEvent) {
    event.preventDefault();
    save.mutate({ name: name.trim(), color }, { onSuccess: () => setName('') });
  }

  return (
    <section className="card">
      <h2>{t('settings.tags.title')}</h2>
      {tags.data?.items.length === 0 && <p className="muted">{t('settings.tags.empty')}</p>}
      <ul className="plain-list">
        {tags.data?.items.map((tag) => (
          <li key={tag.id} className="tag-row">
            <input
              type="color"
              aria-label={t('settings.tags.colorOf', { name: tag.name })}
              value={tag.color ?? '#667180'}
              onChange={(event) => save.mutate({ id: tag.id, color: event.target.value })}
            />
            <input
              className="inline-input"
              aria-label={t('settings.tags.nameOf', { name: tag.name })}
              defaultValue={tag.name}
              onBlur={(event) => {
                const next = event.target.value.trim();
                if (next && next !== tag.name) save.mutate({ id: tag.id, name: next });
              }}
            />
            <button
              type="button"
              className="link-button"
              aria-label={t('settings.removeNamed', { name: tag.name })}
              onClick={() => remove.mutate(tag)}
            >
              {t('settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      {(save.error || remove.error) && <ErrorNotice error={save.error ?? remove.error} />}
      <form className="inline-form" onSubmit={create}>
        <TextField
          label={t('settings.tags.newTag')}
          required
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('settings.tags.color')}
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
        />
        <button type="submit" className="button button-primary">
          {t('settings.add')}
        </button>
      </form>
    </section>
  );
}
