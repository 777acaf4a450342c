import type { z } from 'zod';
import { downloadMedia } from '../media-download';
import type { ChannelAdapter } from '../types';
import { prepareMetaConfig } from './config';
import { checkGraphObject } from './graph-client';
import { metaHandshake } from './handshake';
import { metaDeliveryId } from './body';
import { parseMessagingWebhook } from './messaging-inbound';
import { markSeen, quickRepliesFit, sendMessaging, usableTags } from './messaging-outbound';
import { chatMenuFeatures, pushChatMenu } from './messenger-profile';
import { fetchMessagingProfile } from './profile';
import { verifyMetaSignature } from './signature';

interface MetaBase {
  appSecret: string;
  verifyToken: string;
  apiBaseUrl: string;
}

/** What every Meta channel does the same way: config completion, signature check, GET handshake. */
export function metaCommon<C extends MetaBase>(schema: z.ZodType<C>) {
  return {
    configSchema: schema,
    prepareConfig: (input: unknown) => prepareMetaConfig(schema, input),
    verifyWebhook: (req: Parameters<typeof verifyMetaSignature>[0], config: C) =>
      verifyMetaSignature(req, config.appSecret),
    handshake: (query: URLSearchParams, config: C) => metaHandshake(query, config.verifyToken),
  };
}

/** Messenger and Instagram: same webhook envelope, same Send API; they differ in ids and tokens. */
export function messagingAdapter<C extends MetaBase & { humanAgentTag: boolean }>(spec: {
  type: string;
  schema: z.ZodType<C>;
  token: (config: C) => string;
  /** Our page / Instagram account id: events for other accounts of the app are skipped. */
  ownId: (config: C) => string;
  sendPath: (config: C) => string;
  /** The profile fields Graph has for this channel's user ids (see PROFILE_FIELDS). */
  profileFields: string;
  /** The message tags it accepts outside the 24 h window. */
  tags: readonly string[];
  /** `instagram`: the Messenger Profile calls carry `platform=instagram`. */
  platform?: 'instagram';
}): ChannelAdapter<C> {
  const sendConfig = (config: C) => ({
    apiBaseUrl: config.apiBaseUrl,
    token: spec.token(config),
    path: spec.sendPath(config),
  });
  return {
    type: spec.type,
    ...metaCommon(spec.schema),
    // Meta's limits: 300 calls/s per page or account for text (10/s for audio and video).
    capabilities: { media: true, buttons: true, templates: false, windowHours: 24, ratePerSecond: 250 },
    eventId: (req) => metaDeliveryId(parseMessagingWebhook(req.rawBody), req.rawBody),
    parseWebhook: (req, config) => parseMessagingWebhook(req.rawBody, spec.ownId(config)),
    send: (message, config) =>
      sendMessaging(message, { ...sendConfig(config), humanAgentTag: config.humanAgentTag, tags: spec.tags }),
    messageTags: (config, lastInboundAt) => usableTags(spec.tags, lastInboundAt, config.humanAgentTag),
    buttonsFit: quickRepliesFit,
    markRead: (message, config) => markSeen(sendConfig(config), message.externalId),
    fetchProfile: (userId, config) =>
      fetchMessagingProfile(config.apiBaseUrl, spec.token(config), spec.profileFields, userId),
    // Attachment URLs are public, expiring CDN links: fetched without credentials, right away.
    fetchMedia: (attachment) => downloadMedia(attachment.ref ?? attachment.url ?? ''),
    chatMenu: {
      ...chatMenuFeatures(spec.platform),
      push: (config, menu) =>
        pushChatMenu({ apiBaseUrl: config.apiBaseUrl, token: spec.token(config), platform: spec.platform }, menu),
    },
    connect: (config) => checkGraphObject(config.apiBaseUrl, spec.token(config), spec.ownId(config)),
  };
}
