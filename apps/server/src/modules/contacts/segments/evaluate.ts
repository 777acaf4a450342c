import type { SegmentGroup } from '@charla/contracts';
import type { SQL } from 'drizzle-orm';
import { and } from 'drizzle-orm';
import { contacts } from '../../../db/schema';
import type { Scope } from '../../../db/scope';
import type { Member } from '../../workspaces/service';
import { filterSql } from '../filter';
import { contactListConditions } from '../service';

/**
 * The contacts of a segment, as one SQL condition over `contacts`: the workspace, live (not merged away)
 * contacts, the member's visibility (an `assigned`-only agent gets only theirs) and the definition. This
 * is what the contacts list, its count and the export use, and what a broadcast module should call to
 * pick its audience (with `member: null` for a send by the workspace itself, seeing every contact):
 *
 * @example
 * const audience = await scope.find(contacts, segmentWhere(scope, segment.definition, { member: null, timeZone }));
 */
export function segmentWhere(
  scope: Scope,
  definition: SegmentGroup,
  opts: { member: Member | null; timeZone: string },
): SQL {
  return and(scope.owns(contacts), contactListConditions(opts.member), filterSql(definition, opts.timeZone))!;
}
