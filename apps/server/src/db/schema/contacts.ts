import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id, ref, ts } from './columns';
import { teams, users, workspaces } from './tenancy';

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** E.164 */
    phone: text('phone'),
    email: text('email'),
    country: text('country'),
    language: text('language'),
    avatarUrl: text('avatar_url'),
    assigneeUserId: ref('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeTeamId: ref('assignee_team_id').references(() => teams.id, { onDelete: 'set null' }),
    lifecycleStage: text('lifecycle_stage'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    blocked: boolean('blocked').notNull().default(false),
    /**
     * Set while this contact is merged into another: the row stays (so a split restores it with its id)
     * but lists, search and suggestions skip it. See modules/identity/merge.ts.
     */
    mergedIntoId: ref('merged_into_id').references((): AnyPgColumn => contacts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('contacts_ws_idx').on(t.workspaceId, t.id),
    index('contacts_assignee_idx').on(t.workspaceId, t.assigneeUserId),
    index('contacts_name_trgm').using(
      'gin',
      sql`(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '')) gin_trgm_ops`,
    ),
    // With the name index, the contacts search (contactListConditions) is a bitmap OR of trigram indexes.
    index('contacts_email_trgm').using('gin', sql`${t.email} gin_trgm_ops`),
    index('contacts_phone_trgm').using('gin', sql`${t.phone} gin_trgm_ops`),
    // A whole number typed into the search is an exact lookup (phoneSearchCondition): the trigrams every
    // phone shares (`+52`, `525`…) made it a 10 ms intersection of million-entry posting lists.
    index('contacts_phone_idx').on(t.workspaceId, t.phone),
  ],
);

/** A contact's address on one channel (a WhatsApp number, a Telegram chat, a widget visitor…). */
export const contactChannels = pgTable(
  'contact_channels',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelId: ref('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    displayName: text('display_name'),
    unreachable: boolean('unreachable').notNull().default(false),
    /** The provider's words for why (e.g. "21610: Attempt to send to unsubscribed recipient"). */
    unreachableReason: text('unreachable_reason'),
    lastInboundAt: ts('last_inbound_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_channels_external_uq').on(t.channelId, t.externalId),
    index('contact_channels_contact_idx').on(t.contactId),
  ],
);

/** Normalized phones and emails with where they came from; the index behind merge suggestions. */
export const contactIdentifiers = pgTable(
  'contact_identifiers',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['phone', 'email'] }).notNull(),
    /** As stored and shown: E.164, or the address with its domain lower-cased. */
    value: text('value').notNull(),
    /** What identifiers are compared by (see identity/normalize.ts): equal keys = same line or mailbox. */
    key: text('key').notNull(),
    /** A channel type ('whatsapp', 'custom'…) or 'form', 'workflow', 'api', 'agent', 'import'. */
    source: text('source').notNull(),
    verified: boolean('verified').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_identifiers_uq').on(t.contactId, t.kind, t.key),
    index('contact_identifiers_lookup_idx').on(t.workspaceId, t.kind, t.key),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_ws_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const contactTags = pgTable(
  'contact_tags',
  {
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tagId: ref('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index('contact_tags_tag_idx').on(t.tagId)],
);

export const customFields = pgTable(
  'custom_fields',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'time', 'checkbox', 'list', 'email', 'url'] }).notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('custom_fields_ws_key_uq').on(t.workspaceId, t.key)],
);

/** The contact's timeline (Actividad). */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: ref('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('activities_contact_idx').on(t.contactId, t.id)],
);
