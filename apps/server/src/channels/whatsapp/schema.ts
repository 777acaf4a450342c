import { z } from 'zod';
import { metaBaseConfig } from '../meta/config';

export const whatsappConfigSchema = z.object({
  ...metaBaseConfig,
  /** A system-user (or business) token with whatsapp_business_messaging. */
  accessToken: z.string().min(10),
  phoneNumberId: z.string().regex(/^\d+$/, 'a numeric phone number id'),
  /** The WhatsApp Business Account (kept for templates and webhook subscriptions). */
  wabaId: z.string().regex(/^\d+$/, 'a numeric WhatsApp Business Account id'),
  /** The Meta app's id: needed to upload a template's media header example (Resumable Upload API). */
  appId: z.string().regex(/^\d+$/, 'a numeric app id').optional(),
  /** Sends per second for this number: Meta starts at 80 and upgrades busy numbers to 1,000. */
  ratePerSecond: z.number().int().min(1).max(1000).optional(),
});
export type WhatsAppConfig = z.infer<typeof whatsappConfigSchema>;

/** The webhook's `value` object for `field: "messages"` (messages or statuses, never both in practice). */
export interface WaValue {
  metadata?: { phone_number_id?: string; display_phone_number?: string };
  contacts?: WaContact[];
  messages?: WaMessage[];
  statuses?: WaStatus[];
}

export interface WaContact {
  profile?: { name?: string; username?: string };
  wa_id?: string;
  /** Business-scoped user id (2026 usernames): present, alone, when the phone number is hidden. */
  user_id?: string;
}

export interface WaMedia {
  id?: string;
  mime_type?: string;
  caption?: string;
  filename?: string;
}

export interface WaError {
  code?: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
}

export interface WaMessage {
  id?: string;
  from?: string;
  from_user_id?: string;
  timestamp?: string;
  type?: string;
  context?: { id?: string; forwarded?: boolean; frequently_forwarded?: boolean };
  text?: { body?: string };
  image?: WaMedia;
  video?: WaMedia;
  audio?: WaMedia;
  document?: WaMedia;
  sticker?: WaMedia;
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  contacts?: {
    name?: { formatted_name?: string };
    phones?: { phone?: string; wa_id?: string }[];
    emails?: { email?: string }[];
  }[];
  button?: { text?: string; payload?: string };
  interactive?: {
    type?: string;
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string; description?: string };
    nfm_reply?: { name?: string; body?: string; response_json?: string };
  };
  reaction?: { message_id?: string; emoji?: string };
  errors?: WaError[];
}

export interface WaStatus {
  id?: string;
  status?: string;
  timestamp?: string;
  recipient_id?: string;
  errors?: WaError[];
}

/** The webhook's `value` for `field: "message_template_status_update"` (entry id = the WABA id). */
export interface WaTemplateStatus {
  event?: string;
  message_template_id?: number | string;
  message_template_name?: string;
  message_template_language?: string;
  message_template_category?: string;
  reason?: string;
}

export interface WaPayload {
  object?: string;
  entry?: { id?: string; changes?: { field?: string; value?: WaValue & WaTemplateStatus }[] }[];
}
