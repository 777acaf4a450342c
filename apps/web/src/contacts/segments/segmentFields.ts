import {
  groupParts,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentGroup,
  type SegmentNode,
  type SegmentOperator,
} from '@charla/contracts';
import type { CustomField } from '../../api/types';

/** What a condition is about decides its operators and value input. */
export type SubjectKind = 'text' | 'number' | 'date' | 'tag' | 'channel' | 'member';

export interface Subject {
  /** `field:email`, `custom:plan`, `tag`, `channel`. */
  key: string;
  kind: SubjectKind;
  group: 'standard' | 'custom' | 'other';
  /** A translation key (standard subjects) or the custom field's own label. */
  label: string;
  translate: boolean;
}

const STANDARD: [string, SubjectKind][] = [
  ['firstName', 'text'],
  ['lastName', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['language', 'text'],
  ['countryCode', 'text'],
  ['lifecycle', 'text'],
  ['createdAt', 'date'],
  ['lastInboundAt', 'date'],
  ['assignee', 'member'],
];

const customKind = (f: CustomField): SubjectKind =>
  f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text';

export function subjectsFor(fields: CustomField[]): Subject[] {
  return [
    ...STANDARD.map(([name, kind]) => ({
      key: `field:${name}`,
      kind,
      group: 'standard' as const,
      label: `segments.subjects.${name}`,
      translate: true,
    })),
    ...fields.map((f) => ({
      key: `custom:${f.key}`,
      kind: customKind(f),
      group: 'custom' as const,
      label: f.label,
      translate: false,
    })),
    { key: 'tag', kind: 'tag', group: 'other', label: 'segments.subjects.tag', translate: true },
    { key: 'channel', kind: 'channel', group: 'other', label: 'segments.subjects.channel', translate: true },
  ];
}

/** The operators offered per kind, each with its label key under `segments.operators`. */
export const OPERATORS: Record<SubjectKind, [SegmentOperator, string][]> = {
  text: [
    ['isEqualTo', 'isEqualTo'],
    ['isNotEqualTo', 'isNotEqualTo'],
    ['contains', 'contains'],
    ['doesNotContain', 'doesNotContain'],
    ['exists', 'exists'],
    ['doesNotExist', 'doesNotExist'],
  ],
  number: [
    ['isEqualTo', 'isEqualTo'],
    ['isGreaterThan', 'isGreaterThan'],
    ['isLessThan', 'isLessThan'],
    ['exists', 'exists'],
    ['doesNotExist', 'doesNotExist'],
  ],
  date: [
    ['isTimestampAfter', 'isTimestampAfter'],
    ['isTimestampBefore', 'isTimestampBefore'],
    ['isTimestampBetween', 'isTimestampBetween'],
    ['exists', 'exists'],
    ['doesNotExist', 'doesNotExist'],
  ],
  tag: [
    ['isEqualTo', 'hasTag'],
    ['isNotEqualTo', 'hasNotTag'],
    ['exists', 'anyTag'],
    ['doesNotExist', 'noTag'],
  ],
  channel: [
    ['isEqualTo', 'onChannel'],
    ['isNotEqualTo', 'notOnChannel'],
    ['exists', 'anyChannel'],
    ['doesNotExist', 'noChannel'],
  ],
  member: [
    ['isEqualTo', 'isEqualTo'],
    ['isNotEqualTo', 'isNotEqualTo'],
    ['exists', 'assigned'],
    ['doesNotExist', 'unassigned'],
  ],
};

export const subjectKey = (c: SegmentCondition): string =>
  c.category === 'contactTag'
    ? 'tag'
    : c.category === 'contactChannel'
      ? 'channel'
      : c.category === 'lifecycle'
        ? 'field:lifecycle'
        : STANDARD.some(([name]) => name === c.field)
          ? `field:${c.field}`
          : `custom:${c.field}`;

/** A new condition on `subject`, with its kind's first operator and no value yet. */
export function conditionFor(subject: Subject): SegmentCondition {
  const operator = OPERATORS[subject.kind][0]![0];
  if (subject.key === 'tag') return { category: 'contactTag', operator };
  if (subject.key === 'channel') return { category: 'contactChannel', operator };
  return { category: 'contactField', field: subject.key.split(':')[1], operator };
}

export const needsValue = (op: SegmentOperator) => op !== 'exists' && op !== 'doesNotExist';

function complete(c: SegmentCondition): boolean {
  if (!needsValue(c.operator)) return true;
  if (c.operator === 'isTimestampBetween') return Array.isArray(c.value) && c.value.every((v) => v !== '' && v != null);
  return c.value !== undefined && c.value !== null && c.value !== '';
}

/** The definition without conditions still missing a value and without empty groups: what is sent while building. */
export function completeDefinition(group: SegmentGroup): SegmentGroup {
  const { and, items } = groupParts(group);
  const kept: SegmentNode[] = [];
  for (const n of items) {
    if (!isSegmentGroup(n)) {
      if (complete(n)) kept.push(n);
      continue;
    }
    const inner = completeDefinition(n);
    if (groupParts(inner).items.length > 0) kept.push(inner);
  }
  return and ? { $and: kept } : { $or: kept };
}
