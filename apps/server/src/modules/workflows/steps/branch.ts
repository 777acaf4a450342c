import type { WorkflowCondition } from '@charla/contracts/workflows';
import { and, desc, eq, sql } from 'drizzle-orm';
import { channels, contactTags, memberships, messages, tags } from '../../../db/schema';
import { parseNumber } from '../answers';
import type { RunContext, StepExecutor } from '../step-context';
import { currentConversation } from './messaging';

const STANDARD_FIELDS: Record<
  string,
  'firstName' | 'lastName' | 'email' | 'phone' | 'country' | 'language' | 'lifecycleStage'
> = {
  first_name: 'firstName',
  firstName: 'firstName',
  last_name: 'lastName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  country: 'country',
  language: 'language',
  lifecycle_stage: 'lifecycleStage',
  lifecycleStage: 'lifecycleStage',
};

function fieldValue(rc: RunContext, field: string): string | null {
  const std = STANDARD_FIELDS[field];
  const raw = std ? rc.contact[std] : rc.contact.customFields[field];
  if (raw === null || raw === undefined) return null;
  const s = Array.isArray(raw) ? raw.join(', ') : String(raw);
  return s.trim() === '' ? null : s;
}

/** Compares like a person would: case- and accent-insensitive text, numbers as numbers. */
function compare(actual: string | null, operator: string, expected = ''): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .trim();
  switch (operator) {
    case 'exists':
      return actual !== null;
    case 'not_exists':
      return actual === null;
    case 'equals':
      return actual !== null && fold(actual) === fold(expected);
    case 'not_equals':
      return actual === null || fold(actual) !== fold(expected);
    case 'contains':
      return actual !== null && fold(actual).includes(fold(expected));
    case 'not_contains':
      return actual === null || !fold(actual).includes(fold(expected));
    case 'starts_with':
      return actual !== null && fold(actual).startsWith(fold(expected));
    case 'greater_than':
    case 'less_than': {
      const a = actual === null ? null : parseNumber(actual);
      const b = parseNumber(expected);
      if (a === null || b === null) return false;
      return operator === 'greater_than' ? a > b : a < b;
    }
    default:
      return false;
  }
}

async function holds(rc: RunContext, c: WorkflowCondition): Promise<boolean> {
  const { tx } = rc;
  switch (c.subject) {
    case 'field':
      return compare(fieldValue(rc, c.field), c.operator, c.value);
    case 'variable':
      return compare(rc.variables[c.name]?.trim() ? rc.variables[c.name]! : null, c.operator, c.value);
    case 'tag': {
      const [row] = await tx.unscopedDb
        .select({ id: tags.id })
        .from(contactTags)
        .innerJoin(tags, eq(tags.id, contactTags.tagId))
        .where(
          and(
            tx.owns(contactTags),
            eq(contactTags.contactId, rc.contact.id),
            sql`lower(${tags.name}) = lower(${c.tag})`,
          ),
        )
        .limit(1);
      return c.operator === 'has' ? Boolean(row) : !row;
    }
    case 'assignee': {
      const conv = await currentConversation(rc);
      const userId = conv?.assigneeUserId ?? null;
      if (c.operator === 'assigned') return userId !== null;
      if (c.operator === 'unassigned') return userId === null;
      const [m] = userId ? await tx.find(memberships, eq(memberships.userId, userId)) : [];
      const online = m?.presence === 'online';
      return c.operator === 'online' ? online : !online;
    }
    case 'channel': {
      const conv = await currentConversation(rc);
      const [channel] = conv?.lastChannelId ? await tx.find(channels, eq(channels.id, conv.lastChannelId)) : [];
      const same = channel?.type === c.channelType;
      return c.operator === 'is' ? same : !same;
    }
    case 'last_message': {
      const [last] = await tx
        .find(messages, eq(messages.contactId, rc.contact.id), eq(messages.direction, 'in'))
        .orderBy(desc(messages.id))
        .limit(1);
      return compare(last?.body ?? null, c.operator, c.value);
    }
  }
}

/** The first branch whose conditions hold (all, or any) wins; else the else path. */
export const branchStep: StepExecutor<'branch'> = async (rc, step) => {
  // What each branch's conditions gave, for the run trace ("why did it go that way?").
  const checked: boolean[][] = [];
  for (const [i, b] of step.branches.entries()) {
    const results: boolean[] = [];
    for (const c of b.conditions) {
      const ok = await holds(rc, c);
      results.push(ok);
      if (b.match === 'all' && !ok) break;
      if (b.match === 'any' && ok) break;
    }
    checked.push(results);
    const matched =
      b.match === 'all' ? results.length === b.conditions.length && results.every(Boolean) : results.some(Boolean);
    if (matched) return { next: b.next ?? null, detail: { branch: i, label: b.label ?? null, checked } };
  }
  return { next: step.else ?? null, detail: { branch: 'else', checked } };
};
