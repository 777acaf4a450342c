import { renderTemplateText } from '@charla/contracts/templates';
import { eq } from 'drizzle-orm';
import type { OutboundTemplate } from '../../channels/types';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { channels } from '../../db/schema';
import { AppError } from '../../http/errors';
import { loadChannelInScope } from '../channels/service';
import { filesByIds } from '../files/service';
import { fitsHeader, type MediaHeaderFormat, type TemplateLayout, templateLayout } from '../templates/layout';
import { templateById } from '../templates/service';

export interface TemplateInput {
  id: number;
  parameters: string[];
  /** The value of a TEXT header's `{{1}}` (or named) variable. */
  headerParameter?: string;
  headerFileId?: number;
  /**
   * A media header by a link the provider fetches itself (the developer API's WhatsApp-shaped components);
   * the agents' composer gives a file from Files instead.
   */
  headerLink?: { type: 'image' | 'video' | 'document'; url: string; filename?: string };
  buttonParameters?: string[];
}

/**
 * What `meta.template` of a stored template reply holds: enough to send it again without the template
 * row. The header names the file, not a link: links expire, so the send signs a fresh one.
 */
export type StoredTemplate = Omit<OutboundTemplate, 'header'> & {
  id: number;
  header?:
    | { type: 'image' | 'video' | 'document'; fileId: number; filename: string }
    | { type: 'image' | 'video' | 'document'; link: string; filename?: string };
};

/**
 * Checks a template reply and renders it: the template must be approved and take exactly as many
 * parameters as given (Meta refuses a mismatch with 132000 only after the message is queued, so it is
 * caught here where the agent can fix it). Returns the channel it must go out on, the text stored as
 * the message body, and the meta the send uses.
 */
export async function prepareTemplateReply(
  scope: Scope,
  input: TemplateInput,
  channelId: number | undefined,
  /** Replaces `$variables` in what the agent typed (the contact's name…), as in free text. */
  resolve: (value: string) => Promise<string> = async (v) => v,
) {
  const t = await templateById(scope, input.id);
  if (channelId !== undefined && channelId !== t.channelId)
    throw new AppError('invalid', 'template_channel', 'The template belongs to another channel');
  if (t.status !== 'APPROVED')
    throw new AppError('invalid', 'template_not_approved', `The template is ${t.status.toLowerCase()}, not approved`);
  const values = await Promise.all(input.parameters.map(async (p) => (p.trim() ? resolve(p.trim()) : '')));
  if (values.length !== t.parameterCount || values.some((v) => v === ''))
    throw new AppError(
      'invalid',
      'template_parameters',
      `The template takes ${t.parameterCount} non-empty parameter(s); ${values.filter(Boolean).length} given`,
      { expected: t.parameterCount },
    );
  const names = t.components.parameters;
  const layout = templateLayout(t.components.other);
  const headerText = layout.textHeader ? await headerValue(layout.textHeader, input.headerParameter, resolve) : null;
  const template: StoredTemplate = {
    id: t.id,
    name: t.name,
    language: t.language,
    parameterFormat: t.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    parameterNames: names,
    parameters: values,
    ...(headerText ? { headerText } : {}),
    ...(layout.mediaHeader
      ? {
          header: input.headerLink
            ? headerLink(layout.mediaHeader, input.headerLink)
            : await headerFile(scope, layout.mediaHeader, input.headerFileId),
        }
      : {}),
    ...(layout.urlButtons.length > 0 ? { buttons: urlButtonValues(layout, input.buttonParameters ?? []) } : {}),
  };
  return { channelId: t.channelId, body: renderTemplateText(t.components.body, names, values), template };
}

/** A TEXT header's variable: required, with `$variables` replaced like the rest of what the agent typed. */
async function headerValue(
  header: NonNullable<TemplateLayout['textHeader']>,
  given: string | undefined,
  resolve: (value: string) => Promise<string>,
) {
  const value = given?.trim() ? await resolve(given.trim()) : '';
  if (!value)
    throw new AppError(
      'invalid',
      'template_header',
      `The template's header needs a value for {{${header.parameter}}}`,
      {
        header: header.text,
      },
    );
  return { text: value, name: header.parameter };
}

/** The file of a media header: required, in this workspace, of a type WhatsApp takes for that header. */
async function headerFile(scope: Scope, format: MediaHeaderFormat, fileId: number | undefined) {
  if (!fileId)
    throw new AppError('invalid', 'template_header', `The template's header needs a file (${format.toLowerCase()})`, {
      format,
    });
  const [file] = await filesByIds(scope, [fileId]);
  if (!fitsHeader(format, file!.mime))
    throw new AppError(
      'invalid',
      'template_header',
      `A ${file!.mime} file cannot be the template's ${format.toLowerCase()} header`,
      { format },
    );
  const type = format.toLowerCase() as 'image' | 'video' | 'document';
  return { type, fileId: file!.id, filename: file!.name };
}

/**
 * A media header given by link: of the template's header type, over https (WhatsApp fetches it; Charla
 * never does, so the link reaches no internal address of ours).
 */
function headerLink(format: MediaHeaderFormat, link: NonNullable<TemplateInput['headerLink']>) {
  const type = format.toLowerCase() as 'image' | 'video' | 'document';
  if (link.type !== type)
    throw new AppError('invalid', 'template_header', `The template's header is a ${type}, not a ${link.type}`, {
      format,
    });
  if (!/^https:\/\/[^\s]+$/i.test(link.url) || link.url.length > 2000)
    throw new AppError('invalid', 'template_header', "The header's link must be an https URL", { format });
  return { type, link: link.url, ...(type === 'document' && link.filename ? { filename: link.filename } : {}) };
}

/** One non-empty value per URL button with a `{{1}}` suffix, in button order. */
function urlButtonValues(layout: TemplateLayout, given: string[]) {
  const values = given.map((v) => v.trim());
  if (values.length !== layout.urlButtons.length || values.some((v) => v === ''))
    throw new AppError(
      'invalid',
      'template_button_parameters',
      `The template's link buttons take ${layout.urlButtons.length} non-empty value(s)`,
      { expected: layout.urlButtons.length },
    );
  return layout.urlButtons.map((b, i) => ({ index: b.index, text: values[i]! }));
}

/**
 * `meta.template` of a stored message as the adapter takes it (absent or malformed: not a template), the
 * header file as a link made by `linkOf` at send time.
 */
export function outboundTemplateOf(
  meta: Record<string, unknown>,
  linkOf: (fileId: number) => string,
): OutboundTemplate | undefined {
  const t = meta.template as Partial<StoredTemplate> | undefined;
  if (!t || typeof t.name !== 'string' || typeof t.language !== 'string' || !Array.isArray(t.parameters))
    return undefined;
  return {
    name: t.name,
    language: t.language,
    parameterFormat: t.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    parameterNames: Array.isArray(t.parameterNames) ? t.parameterNames : [],
    parameters: t.parameters,
    ...(t.header ? { header: outboundHeader(t.header, linkOf) } : {}),
    ...(Array.isArray(t.buttons) ? { buttons: t.buttons } : {}),
    ...(t.headerText && typeof t.headerText.text === 'string' ? { headerText: t.headerText } : {}),
  };
}

/** A stored media header as sent: a Files header gets a freshly signed link, a given link goes as it is. */
function outboundHeader(header: NonNullable<StoredTemplate['header']>, linkOf: (fileId: number) => string) {
  if ('fileId' in header) return { type: header.type, link: linkOf(header.fileId), filename: header.filename };
  return { type: header.type, link: header.link, ...(header.filename ? { filename: header.filename } : {}) };
}

/**
 * Whether free-form replies are allowed on a channel for an address (see reply-channels.ts): channels
 * with a window accept them only that long after the contact's last message.
 */
export function windowIsOpen(windowHours: number | null, lastInboundAt: Date | null, now = Date.now()) {
  if (windowHours === null) return true;
  return lastInboundAt !== null && lastInboundAt.getTime() + windowHours * 3_600_000 > now;
}

/**
 * Refuses, before it is queued, a free-form reply the provider would refuse once the window has closed:
 * where the channel only takes templates (WhatsApp), and where it takes tagged messages (Messenger) but no
 * usable tag was chosen. The composer shows the code and offers templates or tags instead.
 */
export async function assertFreeFormAllowed(
  ctx: Ctx,
  scope: Scope,
  address: { channelId: number; lastInboundAt: Date | null },
  messageTag?: string,
) {
  const [channel] = await scope.find(channels, eq(channels.id, address.channelId));
  if (!channel || !ctx.channels.has(channel.type)) return;
  const adapter = ctx.channels.get(channel.type);
  const { capabilities } = adapter;
  if (windowIsOpen(capabilities.windowHours, address.lastInboundAt)) return;
  if (capabilities.templates)
    throw new AppError(
      'invalid',
      'window_closed',
      address.lastInboundAt
        ? `More than ${capabilities.windowHours} hours have passed since the contact last wrote: send an approved template`
        : 'The contact has not written on this channel yet: start with an approved template',
    );
  if (!adapter.messageTags) return;
  const loaded = await loadChannelInScope(ctx, scope, channel.id);
  const usable = adapter.messageTags(loaded.config, address.lastInboundAt);
  if (messageTag && !usable.includes(messageTag))
    throw new AppError('invalid', 'message_tag_not_allowed', `The ${messageTag} tag cannot be used for this reply`, {
      usable,
    });
  // Without a chosen tag a human agent's reply goes out tagged HUMAN_AGENT when the page may (see messagingType).
  if (!messageTag && !usable.includes('HUMAN_AGENT'))
    throw new AppError(
      'invalid',
      usable.length > 0 ? 'message_tag_required' : 'window_closed',
      usable.length > 0
        ? `More than ${capabilities.windowHours} hours have passed since the contact last wrote: choose the message tag that applies (${usable.join(', ')})`
        : `More than ${capabilities.windowHours} hours have passed since the contact last wrote: they have to write first`,
      { usable },
    );
}
