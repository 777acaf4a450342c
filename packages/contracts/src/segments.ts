import { z } from 'zod';

/**
 * Segments (Segmentos): saved filters over contacts. A definition is the developer API's filter language
 * (`{ $and: [...] }` / `{ $or: [...] }` of conditions, respond.io v2-compatible) with groups allowed inside
 * groups, two more operators (`contains`, `doesNotContain`) and the `contactChannel` category.
 */
export const FILTER_OPERATORS = [
  'isEqualTo',
  'isNotEqualTo',
  'isTimestampAfter',
  'isTimestampBefore',
  'isTimestampBetween',
  'exists',
  'doesNotExist',
  'isGreaterThan',
  'isLessThan',
  'isBetween',
  'hasAnyOf',
  'hasAllOf',
  'hasNoneOf',
] as const;
export const SEGMENT_OPERATORS = [...FILTER_OPERATORS, 'contains', 'doesNotContain'] as const;
export type SegmentOperator = (typeof SEGMENT_OPERATORS)[number];

/** `contactChannel`: the contact has an address on a channel (value: channel types or channel ids). */
export const SEGMENT_CATEGORIES = ['contactField', 'contactTag', 'lifecycle', 'contactChannel'] as const;
export type SegmentCategory = (typeof SEGMENT_CATEGORIES)[number];

export const segmentConditionSchema = z.object({
  category: z.enum(SEGMENT_CATEGORIES),
  field: z.string().max(100).optional(),
  operator: z.enum(SEGMENT_OPERATORS),
  value: z.unknown().optional(),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export type SegmentGroup = { $and: SegmentNode[] } | { $or: SegmentNode[] };
export type SegmentNode = SegmentCondition | SegmentGroup;

export const isSegmentGroup = (n: SegmentNode): n is SegmentGroup => '$and' in n || '$or' in n;

/** A group's members and whether they are ANDed. */
export const groupParts = (g: SegmentGroup): { and: boolean; items: SegmentNode[] } =>
  '$and' in g ? { and: true, items: g.$and } : { and: false, items: g.$or };

/** Groups nest at most this deep (a builder shows two levels; the limit keeps the SQL small). */
export const SEGMENT_MAX_DEPTH = 4;

const depth = (n: SegmentNode): number => (isSegmentGroup(n) ? 1 + Math.max(0, ...groupParts(n).items.map(depth)) : 0);

const nodeSchema: z.ZodType<SegmentNode> = z.lazy(() => z.union([segmentConditionSchema, groupSchema]));
const groupSchema: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.union([
    z.strictObject({ $and: z.array(nodeSchema).max(50) }),
    z.strictObject({ $or: z.array(nodeSchema).max(50) }),
  ]),
);

export const segmentDefinitionSchema = groupSchema.refine((g) => depth(g) <= SEGMENT_MAX_DEPTH, {
  message: `groups nest at most ${SEGMENT_MAX_DEPTH} deep`,
});

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  definition: segmentDefinitionSchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

/** The contacts list's views besides segments. */
export const CONTACT_VIEWS = ['all', 'mine', 'unassigned'] as const;
export type ContactView = (typeof CONTACT_VIEWS)[number];
