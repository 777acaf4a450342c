import { type WebchatConfig, webchatConfigSchema } from '../../channels/webchat/schema';
import { visitorInbound } from '../../channels/webchat/inbound';
import { verifyUserHash } from '../../channels/webchat/verify';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { AppError, notFound } from '../../http/errors';
import { loadChannelById, scopeOfChannel } from '../channels/service';
import { contactByAddress, renameAddress } from '../contacts/service';
import { listChannelThread, markRepliesRead, messageByProviderId, storeInbound } from '../messages/service';
import { workspaceById } from '../workspaces/service';
import { type ContactDetails, identifyRules, prechatBlocksChat, prechatRules, validateDetails } from './prechat';
import { publicWidgetConfig } from './public-config';
import { readUploadReceipt } from './uploads';
import { applyVisitorDetails, ensureVisitorContact } from './visitor-contact';
import { visitorMessage } from './visitor-dto';
import {
  identifiedId,
  isIdentified,
  issueVisitorToken,
  newAnonymousId,
  readVisitorToken,
  type Visitor,
} from './visitor-token';

export interface WebchatChannel {
  id: number;
  workspaceId: number;
  config: WebchatConfig;
  scope: Scope;
}

/** A web chat channel by id (any workspace: the widget names only the channel). Disabled = not found. */
export async function loadWebchat(ctx: Ctx, channelId: number): Promise<WebchatChannel> {
  const ch = await loadChannelById(ctx, channelId);
  if (ch?.type !== 'webchat' || ch.status === 'disabled') throw notFound('Chat widget');
  // Parsed on every load so configs saved before a new setting existed get its default.
  const config = webchatConfigSchema.parse(ch.config);
  return { id: ch.id, workspaceId: ch.workspaceId, config, scope: scopeOfChannel(ctx, ch) };
}

/** The visitor a token speaks for on this channel; anything else is 401 (the widget then starts over). */
export function visitorOf(ctx: Ctx, channel: WebchatChannel, token: string | undefined): Visitor {
  const v = token ? readVisitorToken(ctx, token, channel.id) : null;
  if (!v || v.workspaceId !== channel.workspaceId)
    throw new AppError('unauthenticated', 'invalid_visitor_token', 'Start a new widget session');
  return v;
}

const defaultCountryOf = async (channel: WebchatChannel) =>
  (await workspaceById(channel.scope.unscopedDb, channel.workspaceId))?.defaultCountry ?? null;

async function history(ctx: Ctx, channel: WebchatChannel, visitor: Visitor) {
  const contact = await contactByAddress(channel.scope, channel.id, visitor.externalId);
  if (!contact) return { known: false, messages: [] };
  const rows = await listChannelThread(channel.scope, contact.id, channel.id);
  return { known: true, messages: rows.map((r) => visitorMessage(ctx, r.message, r.senderName)) };
}

/** Everything the widget needs to (re)open: a renewed token, its config and the visitor's history. */
export async function describeSession(ctx: Ctx, channel: WebchatChannel, visitor: Visitor) {
  const { known, messages } = await history(ctx, channel, visitor);
  return {
    token: issueVisitorToken(ctx, visitor),
    visitor: { identified: isIdentified(visitor.externalId), known },
    config: publicWidgetConfig(channel.config),
    messages,
  };
}

/** Resumes the visitor a stored token names, or starts an anonymous one (no contact until they write). */
export async function startSession(ctx: Ctx, channel: WebchatChannel, token: string | undefined) {
  const resumed = token ? readVisitorToken(ctx, token, channel.id) : null;
  const visitor =
    resumed && resumed.workspaceId === channel.workspaceId
      ? resumed
      : { workspaceId: channel.workspaceId, channelId: channel.id, externalId: newAnonymousId() };
  return describeSession(ctx, channel, visitor);
}

/** The pre-chat form: validated by its rules, then the visitor's contact is created or completed. */
export async function submitPrechat(ctx: Ctx, channel: WebchatChannel, visitor: Visitor, input: ContactDetails) {
  const country = await defaultCountryOf(channel);
  const details = validateDetails(input, prechatRules(channel.config), country);
  await channel.scope.transaction(async (scope) => {
    const contact = await ensureVisitorContact(ctx, scope, visitor, country);
    await applyVisitorDetails(ctx, scope, contact.id, details, 'form', country);
  });
  return describeSession(ctx, channel, visitor);
}

export interface IdentifyInput extends ContactDetails {
  userId: string;
  userHash?: string;
}

/**
 * Charla.identify(). With a valid userHash the visitor becomes the site's user `user:<userId>` on this
 * channel, the same contact on every device (an anonymous visitor's conversation moves along when that
 * user had none yet). A wrong hash is refused; no hash is refused when the channel requires verification,
 * and otherwise only records the details as unverified on the current visitor: an unverified userId never
 * reaches another person's conversation.
 */
export async function identify(ctx: Ctx, channel: WebchatChannel, visitor: Visitor, input: IdentifyInput) {
  const country = await defaultCountryOf(channel);
  if (input.userHash !== undefined && !verifyUserHash(channel.config.secret, input.userId, input.userHash))
    throw new AppError('unauthenticated', 'invalid_user_hash', 'The userHash does not match this userId');
  if (input.userHash === undefined && channel.config.requireVerification)
    throw new AppError(
      'unauthenticated',
      'verification_required',
      'This widget only accepts verified users (userHash)',
    );
  const details = validateDetails(input, identifyRules(), country);
  let next = visitor;
  if (input.userHash !== undefined) {
    next = { ...visitor, externalId: identifiedId(input.userId) };
    if (!isIdentified(visitor.externalId) && next.externalId !== visitor.externalId)
      await renameAddress(channel.scope, channel.id, visitor.externalId, next.externalId);
  }
  if (details.name || details.email || details.phone) {
    await channel.scope.transaction(async (scope) => {
      const contact = await ensureVisitorContact(ctx, scope, next, country);
      await applyVisitorDetails(ctx, scope, contact.id, details, 'webchat', country);
    });
  }
  return describeSession(ctx, channel, next);
}

export interface VisitorMessageInput {
  clientId: string;
  text?: string;
  uploads: string[];
}

/**
 * Stores a visitor's message through the same path as every channel (resolveSender + storeInbound in one
 * transaction). A resend with the same clientId returns the stored message instead of a second one.
 */
export async function postVisitorMessage(
  ctx: Ctx,
  channel: WebchatChannel,
  visitor: Visitor,
  input: VisitorMessageInput,
) {
  const text = input.text?.trim() || undefined;
  const attachments = input.uploads.map((u) => readUploadReceipt(ctx, visitor, u));
  if (!text && attachments.length === 0)
    throw new AppError('invalid', 'empty_message', 'A message needs text or a file');
  const country = await defaultCountryOf(channel);
  const inbound = visitorInbound({ externalId: visitor.externalId, clientId: input.clientId, text, attachments });
  const stored = await channel.scope.transaction(async (scope) => {
    const known = await contactByAddress(scope, channel.id, visitor.externalId);
    if (!known && !isIdentified(visitor.externalId) && prechatBlocksChat(channel.config))
      throw new AppError('conflict', 'prechat_required', 'Fill in the form before writing');
    const contact = await ensureVisitorContact(ctx, scope, visitor, country);
    return (
      (await storeInbound(ctx, scope, channel, contact, inbound)) ??
      (await messageByProviderId(scope, channel.id, inbound.providerMessageId))
    );
  });
  if (!stored) throw new AppError('unavailable', 'unavailable', 'The message could not be stored; retry');
  return visitorMessage(ctx, stored, null);
}

/** The visitor saw the replies up to `upToId`: they turn read for the agent. */
export async function markVisitorRead(ctx: Ctx, channel: WebchatChannel, visitor: Visitor, upToId: number) {
  const contact = await contactByAddress(channel.scope, channel.id, visitor.externalId);
  if (!contact) return 0;
  return markRepliesRead(ctx, channel.scope, contact.id, channel.id, upToId);
}
