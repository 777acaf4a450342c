import { metaCommon } from '../meta/adapter';
import { metaDeliveryId } from '../meta/body';
import { checkGraphObject } from '../meta/graph-client';
import type { ChannelAdapter } from '../types';
import { parseWhatsAppWebhook } from './inbound';
import { whatsappButtonsFit, whatsappListFits } from './interactive';
import { fetchWhatsAppMedia } from './media';
import { markWhatsAppRead, sendWhatsApp } from './outbound';
import { WHATSAPP_DEFAULT_RATE } from './pacing';
import { createWhatsAppTemplate, listWhatsAppTemplates } from './templates';
import { type WhatsAppConfig, whatsappConfigSchema } from './schema';

/** WhatsApp Cloud API (Meta Graph), one business phone number per channel. */
export const whatsappAdapter: ChannelAdapter<WhatsAppConfig> = {
  type: 'whatsapp',
  ...metaCommon(whatsappConfigSchema),
  // 80 messages/s per number by default (Meta's throughput page); `config.ratePerSecond` for upgraded numbers.
  capabilities: { media: true, buttons: true, templates: true, windowHours: 24, ratePerSecond: WHATSAPP_DEFAULT_RATE },
  eventId: (req) => metaDeliveryId(parseWhatsAppWebhook(req.rawBody), req.rawBody),
  parseWebhook: (req, config) => parseWhatsAppWebhook(req.rawBody, config.phoneNumberId, config.wabaId),
  listTemplates: listWhatsAppTemplates,
  createTemplate: createWhatsAppTemplate,
  send: sendWhatsApp,
  // Meta's wa_id: the number's digits. Its answer names the wa_id it reached, linked to the contact.
  phoneAddress: () => ({ prefix: '', plus: false }),
  buttonsFit: whatsappButtonsFit,
  listFits: whatsappListFits,
  markRead: markWhatsAppRead,
  fetchMedia: fetchWhatsAppMedia,
  connect: (config) => checkGraphObject(config.apiBaseUrl, config.accessToken, config.phoneNumberId),
};
