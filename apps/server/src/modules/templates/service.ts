import { and, asc, eq, notInArray, or, sql } from 'drizzle-orm';
import type { TemplateDraft } from '@charla/contracts/templates';
import { ChannelError, type ProviderTemplate, type TemplateStatusUpdate } from '../../channels/types';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { messageTemplates } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { loadChannelInScope } from '../channels/service';
import { fileById, filesByIds } from '../files/service';
import { fitsHeader, templateLayout } from './layout';

export type TemplateRow = typeof messageTemplates.$inferSelect;

export function serializeTemplate(t: TemplateRow) {
  return {
    id: t.id,
    channelId: t.channelId,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    body: t.components.body,
    parameters: t.components.parameters,
    parameterCount: t.parameterCount,
    parameterFormat: t.parameterFormat,
    ...templateLayout(t.components.other),
    quality: t.quality,
    statusReason: t.statusReason,
    updatedAt: t.updatedAt.toISOString(),
  };
}

const columnsOf = (t: ProviderTemplate) => ({
  providerTemplateId: t.providerTemplateId,
  category: t.category,
  status: t.status,
  parameterFormat: t.parameterFormat,
  components: { body: t.body, parameters: t.parameters, other: t.other },
  parameterCount: t.parameters.length,
  quality: t.quality,
});

export async function listTemplates(scope: Scope, channelId: number) {
  return scope
    .find(messageTemplates, eq(messageTemplates.channelId, channelId))
    .orderBy(asc(messageTemplates.name), asc(messageTemplates.language));
}

/**
 * Copies the channel's templates from the provider: new ones are added, known ones updated, and ones
 * the provider no longer lists (deleted at Meta) removed, so the picker never offers what cannot be sent.
 */
export async function syncTemplates(ctx: Ctx, scope: Scope, channelId: number) {
  const channel = await loadChannelInScope(ctx, scope, channelId);
  const adapter = ctx.channels.get(channel.type);
  if (!adapter.listTemplates)
    throw new AppError('invalid', 'templates_unsupported', `${channel.type} channels have no message templates`);
  let listed: ProviderTemplate[];
  try {
    listed = await adapter.listTemplates(channel.config);
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    throw new AppError('unavailable', 'provider_error', `${channel.type} refused the template list: ${err.reason}`);
  }
  await scope.transaction(async (tx) => {
    for (const t of listed) {
      await tx
        .insert(messageTemplates, { channelId, name: t.name, language: t.language, ...columnsOf(t) })
        .onConflictDoUpdate({
          target: [messageTemplates.channelId, messageTemplates.name, messageTemplates.language],
          set: { ...columnsOf(t), updatedAt: new Date() },
        });
    }
    // Template names are lower-case letters, digits and underscores: a space cannot occur in the key.
    const keep = listed.map((t) => `${t.name} ${t.language}`);
    const key = sql`${messageTemplates.name} || ' ' || ${messageTemplates.language}`;
    await tx.delete(
      messageTemplates,
      eq(messageTemplates.channelId, channelId),
      keep.length > 0 ? notInArray(key, keep) : undefined,
    );
  });
  return listTemplates(scope, channelId);
}

/**
 * Submits a new template to the provider and keeps it as the provider answered (PENDING until the
 * `message_template_status_update` webhook or a sync says APPROVED or REJECTED).
 */
export async function createTemplate(ctx: Ctx, scope: Scope, channelId: number, draft: TemplateDraft) {
  const channel = await loadChannelInScope(ctx, scope, channelId);
  const adapter = ctx.channels.get(channel.type);
  if (!adapter.createTemplate)
    throw new AppError('invalid', 'templates_unsupported', `${channel.type} channels have no message templates`);
  const headerExample = await headerExampleOf(ctx, scope, draft);
  let created: ProviderTemplate;
  try {
    created = await adapter.createTemplate(channel.config, draft, headerExample);
  } catch (err) {
    if (!(err instanceof ChannelError)) throw err;
    // Meta's reason (a duplicate name, a variable without example…) is what the author needs to fix it.
    throw new AppError('invalid', 'provider_refused', `${channel.type} refused the template: ${err.reason}`);
  }
  const [row] = await scope
    .insert(messageTemplates, { channelId, name: created.name, language: created.language, ...columnsOf(created) })
    .onConflictDoUpdate({
      target: [messageTemplates.channelId, messageTemplates.name, messageTemplates.language],
      set: { ...columnsOf(created), updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/**
 * Applies a status webhook to the template it names (by provider id, else name + language). A template
 * not synced yet is skipped: the webhook carries no body text, so it could not be sent anyway; the next
 * sync brings it in.
 */
export async function applyTemplateStatus(scope: Scope, channelId: number, update: TemplateStatusUpdate) {
  const updated = await scope
    .update(
      messageTemplates,
      {
        status: update.status,
        providerTemplateId: update.providerTemplateId,
        statusReason: update.reason ?? null,
        ...(update.category ? { category: update.category } : {}),
        updatedAt: new Date(),
      },
      eq(messageTemplates.channelId, channelId),
      or(
        eq(messageTemplates.providerTemplateId, update.providerTemplateId),
        and(eq(messageTemplates.name, update.name), eq(messageTemplates.language, update.language)),
      ),
    )
    .returning({ id: messageTemplates.id });
  return updated.length > 0;
}

/** A template of this workspace, for a send. */
export async function templateById(scope: Scope, id: number) {
  const [t] = await scope.find(messageTemplates, eq(messageTemplates.id, id));
  if (!t) throw notFound('Template');
  return t;
}

/** A media header's example file from Files, of a type WhatsApp takes for that header. */
async function headerExampleOf(ctx: Ctx, scope: Scope, draft: TemplateDraft) {
  if (draft.headerFormat === 'TEXT' || !draft.headerFileId) return undefined;
  const [row] = await filesByIds(scope, [draft.headerFileId]);
  if (!fitsHeader(draft.headerFormat, row!.mime))
    throw new AppError(
      'invalid',
      'template_header',
      `A ${row!.mime} file cannot be the example of a ${draft.headerFormat.toLowerCase()} header`,
    );
  const found = await fileById(ctx, row!.id);
  if (!found) throw notFound('File');
  return { bytes: found.bytes, mime: row!.mime, name: row!.name };
}
