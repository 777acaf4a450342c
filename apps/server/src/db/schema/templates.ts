import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { createdAt, id, ref, ts } from './columns';
import { workspaces } from './tenancy';

/** A body parameter's placeholder: `{{1}}` (positional) or `{{customer_name}}` (named). */
export interface TemplateComponents {
  /** The BODY text with its `{{…}}` placeholders, as the provider approved it. */
  body: string;
  /** Placeholder names in order of first appearance (`"1"`, `"2"` … for positional templates). */
  parameters: string[];
  /** The other components (header, footer, buttons) as the provider lists them, shown for reference. */
  other: unknown[];
}

/**
 * A provider-approved message template (WhatsApp), copied from the provider by a sync or a status webhook.
 * The provider is the source of truth: rows are upserted on (channel, name, language), never edited here.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: id(),
    workspaceId: ref('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: ref('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** The provider's id (a status webhook names the template by it). */
    providerTemplateId: text('provider_template_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull().default('UTILITY'),
    /** APPROVED, PENDING, REJECTED (or PAUSED/DISABLED… as the provider says); only APPROVED can be sent. */
    status: text('status').notNull(),
    /** `POSITIONAL` or `NAMED`: named parameters are sent with their `parameter_name`. */
    parameterFormat: text('parameter_format').notNull().default('POSITIONAL'),
    components: jsonb('components').$type<TemplateComponents>().notNull(),
    parameterCount: integer('parameter_count').notNull().default(0),
    quality: text('quality'),
    /** Why the provider rejected or paused it (status webhook `reason`). */
    statusReason: text('status_reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex('message_templates_channel_name_lang_uq').on(t.channelId, t.name, t.language)],
);
