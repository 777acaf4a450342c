import type { SegmentCondition } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import type { Channel, Member, Tag } from '../../api/types';
import { conditionFor, needsValue, OPERATORS, type Subject, subjectKey } from './segmentFields';

export interface ConditionChoices {
  subjects: Subject[];
  tags: Tag[];
  channels: Channel[];
  members: Member[];
}

/** One condition of the filter builder: subject, operator and a value input fitting the subject. */
export function ConditionRow({
  condition,
  choices,
  onChange,
  onRemove,
}: {
  condition: SegmentCondition;
  choices: ConditionChoices;
  onChange: (next: SegmentCondition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const key = subjectKey(condition);
  const subject = choices.subjects.find((s) => s.key === key);
  const kind = subject?.kind ?? 'text';
  const label = (s: Subject) => (s.translate ? t(s.label as 'segments.subjects.tag') : s.label);
  const setValue = (value: unknown) => onChange({ ...condition, value });
  const groups = ['standard', 'custom', 'other'] as const;
  const channelTypes = [...new Set(choices.channels.map((c) => c.type))];
  const pair = Array.isArray(condition.value) ? condition.value : ['', ''];

  return (
    <div className="segment-condition">
      <select
        aria-label={t('segments.subject')}
        value={key}
        onChange={(e) => {
          const next = choices.subjects.find((s) => s.key === e.target.value);
          if (next) onChange(conditionFor(next));
        }}
      >
        {groups.map((g) => (
          <optgroup key={g} label={t(`segments.subjects.${g}`)}>
            {choices.subjects
              .filter((s) => s.group === g)
              .map((s) => (
                <option key={s.key} value={s.key}>
                  {label(s)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <select
        aria-label={t('segments.operator')}
        value={condition.operator}
        onChange={(e) =>
          onChange({
            ...condition,
            operator: e.target.value as SegmentCondition['operator'],
            value: e.target.value === 'isTimestampBetween' ? ['', ''] : undefined,
          })
        }
      >
        {OPERATORS[kind].map(([op, labelKey]) => (
          <option key={op} value={op}>
            {t(`segments.operators.${labelKey}` as 'segments.operators.isEqualTo')}
          </option>
        ))}
      </select>
      {needsValue(condition.operator) &&
        (kind === 'tag' || kind === 'member' || kind === 'channel' ? (
          <select
            aria-label={t('segments.value')}
            value={condition.value === undefined ? '' : String(condition.value)}
            onChange={(e) =>
              setValue(e.target.value === '' ? undefined : kind === 'channel' ? e.target.value : Number(e.target.value))
            }
          >
            <option value="">{t('segments.choose')}</option>
            {kind === 'tag' &&
              choices.tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            {kind === 'member' &&
              choices.members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            {kind === 'channel' &&
              channelTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`settings.channels.types.${type}`, { defaultValue: type })}
                </option>
              ))}
          </select>
        ) : condition.operator === 'isTimestampBetween' ? (
          <>
            <input
              type="date"
              aria-label={t('segments.value')}
              value={String(pair[0] ?? '')}
              onChange={(e) => setValue([e.target.value, pair[1]])}
            />
            <input
              type="date"
              aria-label={t('segments.valueTo')}
              value={String(pair[1] ?? '')}
              onChange={(e) => setValue([pair[0], e.target.value])}
            />
          </>
        ) : (
          <input
            type={kind === 'number' ? 'number' : kind === 'date' ? 'date' : 'text'}
            aria-label={t('segments.value')}
            value={condition.value === undefined ? '' : String(condition.value)}
            onChange={(e) =>
              setValue(e.target.value === '' ? undefined : kind === 'number' ? Number(e.target.value) : e.target.value)
            }
          />
        ))}
      <button
        type="button"
        className="button button-small"
        aria-label={t('segments.removeCondition')}
        onClick={onRemove}
      >
        ×
      </button>
    </div>
  );
}
