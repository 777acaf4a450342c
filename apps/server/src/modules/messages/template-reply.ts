import { renderTemplateText } from '@charla/contracts/templates';
import { eq } from 'drizzle-orm';
import type { OutboundTemplate } from '../../channels/types';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { channels } from '../../db/schema';
import { AppError } from '../../http/errors';
import { templateById } from '../templates/service';

export interface TemplateInput {
  id: number;
  parameters: string[];
}

/** What `meta.template` of a stored template reply holds: enough to send it again without the template row. */
export type StoredTemplate = OutboundTemplate & { id: number };

/**
 * Checks a template reply and renders it: the template must be approved and take exactly as many
 * parameters as given (Meta refuses a mismatch with 132000 only after the message is queued, so it is
 * caught here where the agent can fix it). Returns the channel it must go out on, the text stored as
 * the message body, and the meta the send uses.
 */
export async function prepareTemplateReply(scope: Scope, input: TemplateInput, channelId: number | undefined) {
  const t = await templateById(scope, input.id);
  if (channelId !== undefined && channelId !== t.channelId)
    throw new AppError('invalid', 'template_channel', 'The template belongs to another channel');
  if (t.status !== 'APPROVED')
    throw new AppError('invalid', 'template_not_approved', `The template is ${t.status.toLowerCase()}, not approved`);
  const values = input.parameters.map((p) => p.trim());
  if (values.length !== t.parameterCount || values.some((v) => v === ''))
    throw new AppError(
      'invalid',
      'template_parameters',
      `The template takes ${t.parameterCount} non-empty parameter(s); ${values.filter(Boolean).length} given`,
      { expected: t.parameterCount },
    );
  const names = t.components.parameters;
  const template: StoredTemplate = {
    id: t.id,
    name: t.name,
    language: t.language,
    parameterFormat: t.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    parameterNames: names,
    parameters: values,
  };
  return { channelId: t.channelId, body: renderTemplateText(t.components.body, names, values), template };
}

/** `meta.template` of a stored message as the adapter takes it (absent or malformed: not a template). */
export function outboundTemplateOf(meta: Record<string, unknown>): OutboundTemplate | undefined {
  const t = meta.template as Partial<StoredTemplate> | undefined;
  if (!t || typeof t.name !== 'string' || typeof t.language !== 'string' || !Array.isArray(t.parameters))
    return undefined;
  return {
    name: t.name,
    language: t.language,
    parameterFormat: t.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    parameterNames: Array.isArray(t.parameterNames) ? t.parameterNames : [],
    parameters: t.parameters,
  };
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
 * Refuses a free-form reply where the channel only takes templates (WhatsApp outside its 24 h window),
 * before it is queued: the composer shows the code and offers templates instead.
 */
export async function assertFreeFormAllowed(
  ctx: Ctx,
  scope: Scope,
  address: { channelId: number; lastInboundAt: Date | null },
) {
  const [channel] = await scope.find(channels, eq(channels.id, address.channelId));
  if (!channel || !ctx.channels.has(channel.type)) return;
  const { capabilities } = ctx.channels.get(channel.type);
  if (!capabilities.templates || windowIsOpen(capabilities.windowHours, address.lastInboundAt)) return;
  throw new AppError(
    'invalid',
    'window_closed',
    `More than ${capabilities.windowHours} hours have passed since the contact last wrote: send an approved template`,
  );
}
