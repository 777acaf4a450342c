import { groupParts, isSegmentGroup, type SegmentGroup, type SegmentNode } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { type ConditionChoices, ConditionRow } from './ConditionRow';
import { conditionFor } from './segmentFields';

const withItems = (and: boolean, items: SegmentNode[]): SegmentGroup => (and ? { $and: items } : { $or: items });

/**
 * An AND/OR group of conditions; at the top level it may hold groups of its own (one level is what a
 * builder can show clearly; the API accepts deeper nesting).
 */
export function SegmentBuilder({
  group,
  choices,
  onChange,
  onRemove,
  nested = false,
}: {
  group: SegmentGroup;
  choices: ConditionChoices;
  onChange: (next: SegmentGroup) => void;
  onRemove?: () => void;
  nested?: boolean;
}) {
  const { t } = useTranslation();
  const { and, items } = groupParts(group);
  const set = (index: number, node: SegmentNode) =>
    onChange(
      withItems(
        and,
        items.map((n, i) => (i === index ? node : n)),
      ),
    );
  const remove = (index: number) =>
    onChange(
      withItems(
        and,
        items.filter((_, i) => i !== index),
      ),
    );
  const first = choices.subjects[0]!;

  return (
    <fieldset className={nested ? 'segment-group segment-group-nested' : 'segment-group'}>
      <div className="segment-match">
        <label>
          {t('segments.match')}{' '}
          <select
            aria-label={t('segments.match')}
            value={and ? 'all' : 'any'}
            onChange={(e) => onChange(withItems(e.target.value === 'all', items))}
          >
            <option value="all">{t('segments.matchAll')}</option>
            <option value="any">{t('segments.matchAny')}</option>
          </select>
        </label>
        {onRemove && (
          <button type="button" className="button button-small" onClick={onRemove}>
            {t('segments.removeGroup')}
          </button>
        )}
      </div>
      {items.map((node, i) =>
        isSegmentGroup(node) ? (
          <SegmentBuilder
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their position
            key={i}
            group={node}
            choices={choices}
            nested
            onChange={(next) => set(i, next)}
            onRemove={() => remove(i)}
          />
        ) : (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their position
            key={i}
            condition={node}
            choices={choices}
            onChange={(next) => set(i, next)}
            onRemove={() => remove(i)}
          />
        ),
      )}
      <div className="segment-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange(withItems(and, [...items, conditionFor(first)]))}
        >
          {t('segments.addCondition')}
        </button>
        {!nested && (
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(withItems(and, [...items, withItems(!and, [conditionFor(first)])]))}
          >
            {t('segments.addGroup')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
