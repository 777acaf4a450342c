import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/queryKeys';
import { broadcastsApi } from '../broadcasts/broadcastsApi';
import { Checkbox } from './fields';

/** Which broadcasts' replies start the workflow: the ones ticked, or any broadcast when none is. */
export function BroadcastTriggerOptions({
  slug,
  value,
  onChange,
}: {
  slug: string;
  value: number[];
  onChange: (broadcastIds: number[]) => void;
}) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: queryKeys.broadcasts(slug), queryFn: () => broadcastsApi.list(slug) });
  const sent = (list.data?.items ?? []).filter((b) => b.status !== 'draft' || value.includes(b.id));
  return (
    <fieldset className="checkbox-list">
      <legend>{t('workflows.triggerPanel.broadcasts')}</legend>
      <p className="field-hint muted">{t('workflows.triggerPanel.broadcastsHint')}</p>
      {sent.map((b) => (
        <Checkbox
          key={b.id}
          label={b.name}
          checked={value.includes(b.id)}
          onChange={(on) => onChange(on ? [...value, b.id] : value.filter((id) => id !== b.id))}
        />
      ))}
    </fieldset>
  );
}
