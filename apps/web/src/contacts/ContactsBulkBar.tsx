import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useMembers, useTags } from '../api/useWorkspaceData';
import { workspacePath } from '../api/workspacePath';
import { ErrorNotice } from '../common/ErrorNotice';
import { SelectField } from '../common/SelectField';

interface Props {
  slug: string;
  selected: number[];
  onDone: () => void;
}

type Action = { kind: 'tag'; tagId: number } | { kind: 'assign'; userId: number };

/** Bulk actions on the selected contacts: add a tag, assign to a member. All or nothing, server-side. */
export function ContactsBulkBar({ slug, selected, onDone }: Props) {
  const { t } = useTranslation();
  const tags = useTags(slug);
  const members = useMembers(slug);
  const [tagId, setTagId] = useState('');
  const [userId, setUserId] = useState('');
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (action: Action) =>
      action.kind === 'tag'
        ? api.post(`${workspacePath(slug)}/contacts/bulk/tag`, { contactIds: selected, tagId: action.tagId })
        : api.post(`${workspacePath(slug)}/contacts/bulk/assign`, { contactIds: selected, userId: action.userId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['w', slug] });
      onDone();
    },
  });
  const activeMembers = (members.data?.items ?? []).filter((m) => m.status === 'active');

  return (
    <div className="inline-form bulk-bar" role="toolbar" aria-label={t('contacts.bulk.label')}>
      <strong role="status">{t('contacts.bulk.selected', { count: selected.length })}</strong>
      <SelectField
        label={t('contacts.bulk.tag')}
        hideLabel
        value={tagId}
        onChange={(e) => setTagId(e.target.value)}
        options={[
          { value: '', label: t('contacts.bulk.chooseTag') },
          ...(tags.data?.items ?? []).map((tag) => ({ value: String(tag.id), label: tag.name })),
        ]}
      />
      <button
        type="button"
        className="button button-small"
        disabled={!tagId || run.isPending}
        onClick={() => run.mutate({ kind: 'tag', tagId: Number(tagId) })}
      >
        {t('contacts.bulk.addTag')}
      </button>
      <SelectField
        label={t('contacts.bulk.assignee')}
        hideLabel
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        options={[
          { value: '', label: t('contacts.bulk.chooseAssignee') },
          ...activeMembers.map((m) => ({ value: String(m.userId), label: m.name })),
        ]}
      />
      <button
        type="button"
        className="button button-small"
        disabled={!userId || run.isPending}
        onClick={() => run.mutate({ kind: 'assign', userId: Number(userId) })}
      >
        {t('contacts.bulk.assign')}
      </button>
      {run.error && <ErrorNotice error={run.error} />}
    </div>
  );
}
