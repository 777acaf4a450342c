import type { SegmentInput } from '@charla/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import { segments } from '../../../db/schema';
import type { Scope } from '../../../db/scope';
import { isUniqueViolation } from '../../../db/unique-violation';
import { AppError, notFound } from '../../../http/errors';
import { filterSql } from '../filter';

export type Segment = typeof segments.$inferSelect;

export const serializeSegment = (s: Segment) => ({
  id: s.id,
  name: s.name,
  definition: s.definition,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const listSegments = (scope: Scope) => scope.find(segments).orderBy(asc(sql`lower(${segments.name})`));

export async function getSegment(scope: Scope, id: number): Promise<Segment> {
  const found = await scope.first(segments, eq(segments.id, id));
  if (!found) throw notFound('Segment');
  return found;
}

/** By name, case-insensitively (the CLI's `--segment NAME`). */
export const segmentByName = (scope: Scope, name: string) =>
  scope.first(segments, sql`lower(${segments.name}) = lower(${name.trim()})`);

/** Compiling once on save turns a definition the list could not run into a 400 now, not on every use. */
function check(input: SegmentInput) {
  filterSql(input.definition, 'UTC');
}

const taken = (err: unknown) => {
  if (isUniqueViolation(err)) throw new AppError('conflict', 'segment_name_taken', 'A segment with this name exists');
  throw err;
};

export async function createSegment(scope: Scope, input: SegmentInput, userId: number): Promise<Segment> {
  check(input);
  const [row] = await scope
    .insert(segments, { ...input, createdBy: userId })
    .returning()
    .catch(taken);
  return row!;
}

export async function updateSegment(scope: Scope, id: number, input: Partial<SegmentInput>): Promise<Segment> {
  await getSegment(scope, id);
  if (input.definition) check({ name: '', definition: input.definition });
  const [row] = await scope.update(segments, input, eq(segments.id, id)).returning().catch(taken);
  return row!;
}

export async function deleteSegment(scope: Scope, id: number): Promise<void> {
  await getSegment(scope, id);
  await scope.delete(segments, eq(segments.id, id));
}
