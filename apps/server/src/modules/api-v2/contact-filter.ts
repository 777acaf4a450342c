import { and, exists, not, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { contactTags, contacts, tags } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { ContactListBody, FilterCondition } from './schemas';
import { assertTimeZone, zonedInstant } from './zoned-time';

/** The contact fields a filter can name, by their API names. */
const FIELDS: Record<string, PgColumn> = {
  id: contacts.id,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  phone: contacts.phone,
  email: contacts.email,
  language: contacts.language,
  countryCode: contacts.country,
  profilePic: contacts.avatarUrl,
  lifecycle: contacts.lifecycleStage,
  assignee: contacts.assigneeUserId,
  created_at: contacts.createdAt,
  createdAt: contacts.createdAt,
};

const bad = (c: FilterCondition, why: string) =>
  invalid('invalid_filter', `${c.category}${c.field ? `.${c.field}` : ''} ${c.operator}: ${why}`);

function list(c: FilterCondition): unknown[] {
  const v = c.value;
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  if (values.length === 0) throw bad(c, 'needs a value');
  return values;
}

function pair(c: FilterCondition): [unknown, unknown] {
  const v = c.value;
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) return [v.from, v.to];
  throw bad(c, 'needs two values, [from, to]');
}

function instant(c: FilterCondition, v: unknown, timeZone: string): Date {
  const d = zonedInstant(v, timeZone);
  if (!d || Number.isNaN(d.getTime())) throw bad(c, 'expected a timestamp (unix seconds or a date)');
  return d;
}

function number(c: FilterCondition, v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(c, 'expected a number');
  return n;
}

/** A comparison on a column, or on a custom field's JSON value (compared as text, or as a number). */
function fieldCondition(c: FilterCondition, timeZone: string): SQL {
  if (!c.field) throw bad(c, 'needs a field');
  const column = c.category === 'lifecycle' ? contacts.lifecycleStage : FIELDS[c.field];
  const isTime = column === contacts.createdAt;
  const text: SQL = column ? sql`${column}::text` : sql`(${contacts.customFields} ->> ${c.field})`;
  const numeric: SQL = column ? sql`${column}` : sql`(${contacts.customFields} ->> ${c.field})::numeric`;
  const present: SQL = column ? sql`${column} is not null` : sql`${contacts.customFields} ? ${c.field}`;
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  switch (c.operator) {
    case 'isEqualTo':
      return sql`lower(${text}) = lower(${asText(list(c)[0])})`;
    case 'isNotEqualTo':
      return sql`(${text} is null or lower(${text}) <> lower(${asText(list(c)[0])}))`;
    case 'exists':
      return present;
    case 'doesNotExist':
      return not(present);
    case 'hasAnyOf':
      return or(...list(c).map((v) => sql`lower(${text}) = lower(${asText(v)})`))!;
    case 'hasNoneOf':
      return sql`(${text} is null or not (${or(...list(c).map((v) => sql`lower(${text}) = lower(${asText(v)})`))}))`;
    case 'hasAllOf':
      return and(...list(c).map((v) => sql`lower(${text}) = lower(${asText(v)})`))!;
    case 'isGreaterThan':
      return sql`${numeric} > ${number(c, list(c)[0])}`;
    case 'isLessThan':
      return sql`${numeric} < ${number(c, list(c)[0])}`;
    case 'isBetween': {
      const [from, to] = pair(c);
      return sql`${numeric} between ${number(c, from)} and ${number(c, to)}`;
    }
    case 'isTimestampAfter':
    case 'isTimestampBefore':
    case 'isTimestampBetween': {
      const at: SQL = isTime ? sql`${column}` : sql`(${text})::timestamptz`;
      if (c.operator === 'isTimestampBetween') {
        const [from, to] = pair(c);
        return sql`${at} between ${instant(c, from, timeZone).toISOString()} and ${instant(c, to, timeZone).toISOString()}`;
      }
      const when = instant(c, list(c)[0], timeZone).toISOString();
      return c.operator === 'isTimestampAfter' ? sql`${at} > ${when}` : sql`${at} < ${when}`;
    }
  }
}

/** Tag conditions: `value` is a tag name or a list of names, compared case-insensitively. */
function tagCondition(c: FilterCondition): SQL {
  const hasTag = (name: unknown) =>
    exists(
      sql`(select 1 from ${contactTags} join ${tags} on ${tags.id} = ${contactTags.tagId}
          where ${contactTags.contactId} = ${contacts.id} and lower(${tags.name}) = lower(${String(name)}))`,
    );
  const anyTag = exists(sql`(select 1 from ${contactTags} where ${contactTags.contactId} = ${contacts.id})`);
  switch (c.operator) {
    case 'exists':
      return anyTag;
    case 'doesNotExist':
      return not(anyTag);
    case 'isEqualTo':
    case 'hasAnyOf':
      return or(...list(c).map(hasTag))!;
    case 'hasAllOf':
      return and(...list(c).map(hasTag))!;
    case 'isNotEqualTo':
    case 'hasNoneOf':
      return not(or(...list(c).map(hasTag))!);
    default:
      throw bad(c, 'is not an operator for tags');
  }
}

/** The SQL condition of a list request's filter (local times read in `timezone`, else the workspace's) (ANDed with the live-contacts condition by the caller). */
export function filterCondition(body: ContactListBody, workspaceTimeZone: string): SQL | undefined {
  const f = body.filter;
  if (!f) return undefined;
  const timeZone = assertTimeZone(body.timezone ?? workspaceTimeZone);
  const isAnd = '$and' in f;
  const items = isAnd ? f.$and : f.$or;
  const parts = items.map((c) => (c.category === 'contactTag' ? tagCondition(c) : fieldCondition(c, timeZone)));
  if (parts.length === 0) return undefined;
  return isAnd ? and(...parts) : or(...parts);
}
