import { CONTACT_VIEWS, type ContactView, type SegmentGroup } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/queryKeys';
import type { CustomField } from '../../api/types';
import { useChannels, useMembers, useTags } from '../../api/useWorkspaceData';
import { ErrorNotice } from '../../common/ErrorNotice';
import { SegmentBuilder } from './SegmentBuilder';
import { subjectsFor } from './segmentFields';
import { type ContactListQuery, segmentsApi } from './segmentsApi';

export type ListSelection = Omit<ContactListQuery, 'search'>;

/**
 * The contacts list's view selector (All / Mine / Unassigned and the saved segments) with the live count,
 * and the filter builder that edits an unsaved filter and saves it as a segment (owners and managers).
 */
export function SegmentBar({
  slug,
  selection,
  onChange,
  count,
  fields,
  canManage,
}: {
  slug: string;
  selection: ListSelection;
  onChange: (next: ListSelection) => void;
  count: number | undefined;
  fields: CustomField[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const segments = useQuery({ queryKey: queryKeys.segments(slug), queryFn: () => segmentsApi.list(slug) });
  const tags = useTags(slug);
  const channels = useChannels(slug);
  const members = useMembers(slug);
  const [name, setName] = useState('');
  const current = segments.data?.items.find((s) => s.id === selection.segmentId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.segments(slug) });
  const save = useMutation({
    mutationFn: ({ update, definition }: { update: boolean; definition: SegmentGroup }) =>
      update && current
        ? segmentsApi.update(slug, current.id, { definition })
        : segmentsApi.create(slug, { name: name.trim(), definition }),
    onSuccess: async (segment) => {
      await refresh();
      setName('');
      onChange({ view: 'all', segmentId: segment.id, filter: null });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => segmentsApi.remove(slug, id),
    onSuccess: async () => {
      await refresh();
      onChange({ view: 'all', segmentId: null, filter: null });
    },
  });
  const choices = {
    subjects: subjectsFor(fields),
    tags: tags.data?.items ?? [],
    channels: channels.data?.items ?? [],
    members: members.data?.items ?? [],
  };
  const selected = selection.segmentId ? `segment:${selection.segmentId}` : selection.view;
  const select = (value: string) =>
    onChange(
      value.startsWith('segment:')
        ? { view: 'all', segmentId: Number(value.slice(8)), filter: null }
        : { view: value as ContactView, segmentId: null, filter: null },
    );
  const filter = selection.filter;

  return (
    <div className="segment-bar">
      <div className="segment-bar-row">
        <select aria-label={t('segments.view')} value={selected} onChange={(e) => select(e.target.value)}>
          {CONTACT_VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`segments.views.${v}`)}
            </option>
          ))}
          {(segments.data?.items.length ?? 0) > 0 && (
            <optgroup label={t('segments.segmentsGroup')}>
              {segments.data!.items.map((s) => (
                <option key={s.id} value={`segment:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <span className="muted" role="status" aria-live="polite">
          {count === undefined ? '' : t('segments.count', { count })}
        </span>
        <button
          type="button"
          className="button button-small"
          aria-expanded={filter !== null}
          onClick={() => onChange({ ...selection, filter: filter ? null : (current?.definition ?? { $and: [] }) })}
        >
          {filter ? t('segments.closeFilter') : t('segments.filter')}
        </button>
        {canManage && current && !filter && (
          <button
            type="button"
            className="button button-small"
            disabled={remove.isPending}
            onClick={() =>
              window.confirm(t('segments.confirmDelete', { name: current.name })) && remove.mutate(current.id)
            }
          >
            {t('segments.delete')}
          </button>
        )}
      </div>
      {filter && (
        <section className="card segment-builder" aria-label={t('segments.builderLabel')}>
          <SegmentBuilder
            group={filter}
            choices={choices}
            onChange={(next) => onChange({ ...selection, filter: next })}
          />
          {canManage && (
            <form
              className="segment-actions"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate({ update: false, definition: filter });
              }}
            >
              <input
                type="text"
                aria-label={t('segments.name')}
                placeholder={t('segments.name')}
                value={name}
                maxLength={80}
                onChange={(e) => setName(e.target.value)}
              />
              <button
                type="submit"
                className="button button-small button-primary"
                disabled={!name.trim() || save.isPending}
              >
                {t('segments.saveAs')}
              </button>
              {current && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={save.isPending}
                  onClick={() => save.mutate({ update: true, definition: filter })}
                >
                  {t('segments.update')}
                </button>
              )}
            </form>
          )}
          {save.error && <ErrorNotice error={save.error} />}
        </section>
      )}
      {remove.error && <ErrorNotice error={remove.error} />}
    </div>
  );
}
