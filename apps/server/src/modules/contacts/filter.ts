import {
  groupParts,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentGroup,
  type SegmentNode,
} from '@charla/contracts';
import { and, exists, not, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { channels, contactChannels, contactTags, contacts, tags } from '../../db/schema';
import { invalid } from '../../http/errors';
import { zonedInstant } from '../api-v2/zoned-time';

/**
 * The contact filter language compiled to SQL over `contacts`: the developer API's `/v2/contact/list`
 * filter and saved segments both go through here, so they cannot disagree on what an operator means.
 * Everything is one WHERE condition (tags, channels and the last inbound time are correlated
 * subqueries), so a filter never loads contacts into memory.
 */

type FieldKind = 'text' | 'number' | 'time';
interface Field {
  expr: SQL;
  kind: FieldKind;
}

const column = (expr: SQL, kind: FieldKind = 'text'): Field => ({ expr, kind });

/** The most recent message the contact sent on any channel. */
const lastInboundAt = sql`(select max(${contactChannels.lastInboundAt}) from ${contactChannels} where ${contactChannels.contactId} = ${contacts.id})`;

/** The contact fields a filter can name, by their API names. */
const FIELDS: Record<string, Field> = {
  id: column(sql`${contacts.id}`, 'number'),
  firstName: column(sql`${contacts.firstName}`),
  lastName: column(sql`${contacts.lastName}`),
  phone: column(sql`${contacts.phone}`),
  email: column(sql`${contacts.email}`),
  language: column(sql`${contacts.language}`),
  countryCode: column(sql`${contacts.country}`),
  profilePic: column(sql`${contacts.avatarUrl}`),
  lifecycle: column(sql`${contacts.lifecycleStage}`),
  assignee: column(sql`${contacts.assigneeUserId}`, 'number'),
  assigneeTeam: column(sql`${contacts.assigneeTeamId}`, 'number'),
  created_at: column(sql`${contacts.createdAt}`, 'time'),
  createdAt: column(sql`${contacts.createdAt}`, 'time'),
  lastInboundAt: column(lastInboundAt, 'time'),
};

const bad = (c: SegmentCondition, why: string) =>
  invalid('invalid_filter', `${c.category}${c.field ? `.${c.field}` : ''} ${c.operator}: ${why}`);

function list(c: SegmentCondition): unknown[] {
  const v = c.value;
  const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  if (values.length === 0) throw bad(c, 'needs a value');
  return values;
}

function pair(c: SegmentCondition): [unknown, unknown] {
  const v = c.value;
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) return [v.from, v.to];
  throw bad(c, 'needs two values, [from, to]');
}

function instant(c: SegmentCondition, v: unknown, timeZone: string): string {
  const d = zonedInstant(v, timeZone);
  if (!d || Number.isNaN(d.getTime())) throw bad(c, 'expected a timestamp (unix seconds or a date)');
  return d.toISOString();
}

function number(c: SegmentCondition, v: unknown): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(c, 'expected a number');
  return n;
}

/** `%v%` for ilike, with the wildcard characters of `v` escaped. */
export const likePattern = (v: unknown) => `%${String(v).replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * A custom field's JSON value as text, number or time. The casts are guarded: one contact holding text in
 * a number field must not make the whole list fail (null compares as false).
 */
function customField(key: string): { text: SQL; numeric: SQL; time: SQL; present: SQL } {
  const text = sql`(${contacts.customFields} ->> ${key})`;
  return {
    text,
    numeric: sql`(case when ${text} ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' then ${text}::numeric end)`,
    time: sql`(case when ${text} ~ '^\\d{4}-\\d{2}-\\d{2}' then ${text}::timestamptz end)`,
    present: sql`${contacts.customFields} ? ${key}`,
  };
}

/** A comparison on a standard column, or on a custom field's JSON value (compared as text, number or time). */
function fieldCondition(c: SegmentCondition, timeZone: string): SQL {
  const field = c.category === 'lifecycle' ? FIELDS.lifecycle : c.field ? FIELDS[c.field] : undefined;
  if (!field && !c.field) throw bad(c, 'needs a field');
  const custom = field ? undefined : customField(c.field!);
  const text: SQL = field ? sql`${field.expr}::text` : custom!.text;
  const numeric: SQL = field ? field.expr : custom!.numeric;
  const time: SQL = field ? field.expr : custom!.time;
  const present: SQL = field ? sql`${field.expr} is not null` : custom!.present;
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const equals = (v: unknown) => sql`lower(${text}) = lower(${asText(v)})`;
  const comparable = () => {
    if (field?.kind === 'time') throw bad(c, 'compare dates with isTimestampAfter/Before/Between');
  };
  switch (c.operator) {
    case 'isEqualTo':
      return equals(list(c)[0]);
    case 'isNotEqualTo':
      return sql`(${text} is null or not ${equals(list(c)[0])})`;
    case 'contains':
      return sql`${text} ilike ${likePattern(list(c)[0])}`;
    case 'doesNotContain':
      return sql`(${text} is null or ${text} not ilike ${likePattern(list(c)[0])})`;
    case 'exists':
      return present;
    case 'doesNotExist':
      return not(present);
    case 'hasAnyOf':
      return or(...list(c).map(equals))!;
    case 'hasNoneOf':
      return sql`(${text} is null or not (${or(...list(c).map(equals))}))`;
    case 'hasAllOf':
      return and(...list(c).map(equals))!;
    case 'isGreaterThan':
      comparable();
      return sql`${numeric} > ${number(c, list(c)[0])}`;
    case 'isLessThan':
      comparable();
      return sql`${numeric} < ${number(c, list(c)[0])}`;
    case 'isBetween': {
      comparable();
      const [from, to] = pair(c);
      return sql`${numeric} between ${number(c, from)} and ${number(c, to)}`;
    }
    case 'isTimestampAfter':
    case 'isTimestampBefore':
    case 'isTimestampBetween': {
      const at: SQL = field ? (field.kind === 'time' ? time : sql`(${text})::timestamptz`) : time;
      if (c.operator === 'isTimestampBetween') {
        const [from, to] = pair(c);
        return sql`${at} between ${instant(c, from, timeZone)} and ${instant(c, to, timeZone)}`;
      }
      const when = instant(c, list(c)[0], timeZone);
      return c.operator === 'isTimestampAfter' ? sql`${at} > ${when}` : sql`${at} < ${when}`;
    }
  }
}

/**
 * Set conditions over a related table: `one(v)` is "the contact is linked to v", `any` "linked to
 * anything". Tag and channel conditions share the operator semantics.
 */
function membership(c: SegmentCondition, one: (v: unknown) => SQL, any: SQL, what: string): SQL {
  switch (c.operator) {
    case 'exists':
      return any;
    case 'doesNotExist':
      return not(any);
    case 'isEqualTo':
    case 'hasAnyOf':
      return or(...list(c).map(one))!;
    case 'hasAllOf':
      return and(...list(c).map(one))!;
    case 'isNotEqualTo':
    case 'hasNoneOf':
      return not(or(...list(c).map(one))!);
    default:
      throw bad(c, `is not an operator for ${what}`);
  }
}

/** Whether a row of `from` (a table, maybe joined) belongs to the contact and satisfies `condition`. */
const linked = (from: SQL, contactId: PgColumn, condition?: SQL) =>
  exists(sql`(select 1 from ${from} where ${contactId} = ${contacts.id}${condition ? sql` and ${condition}` : sql``})`);

/** Tag conditions: a value is a tag id (number) or name (compared case-insensitively). */
function tagCondition(c: SegmentCondition): SQL {
  const hasTag = (v: unknown) =>
    typeof v === 'number'
      ? linked(sql`${contactTags}`, contactTags.contactId, sql`${contactTags.tagId} = ${v}`)
      : linked(
          sql`${contactTags} join ${tags} on ${tags.id} = ${contactTags.tagId}`,
          contactTags.contactId,
          sql`lower(${tags.name}) = lower(${String(v)})`,
        );
  return membership(c, hasTag, linked(sql`${contactTags}`, contactTags.contactId), 'tags');
}

/** Channel conditions: the contact has an address on a channel of this type (`whatsapp`) or this channel (id). */
function channelCondition(c: SegmentCondition): SQL {
  const onChannel = (v: unknown) =>
    typeof v === 'number'
      ? linked(sql`${contactChannels}`, contactChannels.contactId, sql`${contactChannels.channelId} = ${v}`)
      : linked(
          sql`${contactChannels} join ${channels} on ${channels.id} = ${contactChannels.channelId}`,
          contactChannels.contactId,
          sql`${channels.type} = ${String(v)}`,
        );
  return membership(c, onChannel, linked(sql`${contactChannels}`, contactChannels.contactId), 'channels');
}

function conditionSql(c: SegmentCondition, timeZone: string): SQL {
  if (c.category === 'contactTag') return tagCondition(c);
  if (c.category === 'contactChannel') return channelCondition(c);
  return fieldCondition(c, timeZone);
}

/**
 * The SQL condition of a filter (groups nest; local times read in `timeZone`), or undefined for an empty
 * one. The caller ANDs it with the workspace scope and the member's visibility. Throws `invalid_filter`
 * for a condition that cannot be compiled, so saving a segment validates it.
 */
export function filterSql(group: SegmentGroup, timeZone: string): SQL | undefined {
  const node = (n: SegmentNode): SQL | undefined =>
    isSegmentGroup(n) ? filterSql(n, timeZone) : conditionSql(n, timeZone);
  const { and: isAnd, items } = groupParts(group);
  const parts = items.map(node).filter((p): p is SQL => p !== undefined);
  if (parts.length === 0) return undefined;
  return isAnd ? and(...parts) : or(...parts);
}
