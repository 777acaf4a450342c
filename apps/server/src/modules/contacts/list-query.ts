import { CONTACT_VIEWS, type ContactView, type SegmentGroup, segmentDefinitionSchema } from '@charla/contracts';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { contacts } from '../../db/schema';
import type { Scope } from '../../db/scope';
import { invalid } from '../../http/errors';
import type { Member } from '../workspaces/service';
import { segmentWhere } from './segments/evaluate';
import { getSegment } from './segments/service';
import { searchCondition } from './service';

/** What picks the contacts of the list, its count and the export: view, saved segment, unsaved filter, search. */
export const contactListQuery = z.object({
  search: z.string().max(200).optional(),
  view: z.enum(CONTACT_VIEWS).optional(),
  segmentId: z.coerce.number().int().positive().optional(),
  /** An unsaved segment definition as JSON: the filter builder's live preview. */
  filter: z.string().max(20_000).optional(),
});
export type ContactListQuery = z.infer<typeof contactListQuery>;

function viewCondition(member: Member, view: ContactView | undefined): SQL | undefined {
  if (view === 'mine') return eq(contacts.assigneeUserId, member.userId);
  if (view === 'unassigned') return and(isNull(contacts.assigneeUserId), isNull(contacts.assigneeTeamId));
  return undefined;
}

function parseFilter(json: string): SegmentGroup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('invalid_filter', 'filter must be JSON');
  }
  const result = segmentDefinitionSchema.safeParse(parsed);
  if (!result.success) throw invalid('invalid_filter', result.error.issues[0]?.message ?? 'invalid filter');
  return result.data;
}

/** The SQL condition for a list query; a segment of another workspace is not found. */
export async function contactListWhere(scope: Scope, member: Member, q: ContactListQuery): Promise<SQL> {
  const saved = q.segmentId ? (await getSegment(scope, q.segmentId)).definition : undefined;
  const unsaved = q.filter ? parseFilter(q.filter) : undefined;
  const definition: SegmentGroup = { $and: [saved, unsaved].filter((d) => d !== undefined) };
  return and(
    segmentWhere(scope, definition, { member, timeZone: member.workspace.timezone }),
    viewCondition(member, q.view),
    searchCondition(q.search, member.workspace),
  )!;
}
