import { mapsLink } from '../meta/window';
import type { InboundAttachment } from '../types';
import type { WaMedia, WaMessage } from './schema';

export interface WaContent {
  text?: string;
  attachments: InboundAttachment[];
  meta: Record<string, unknown>;
}

const MEDIA: Record<string, InboundAttachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

/** Media bytes are not in the webhook: the Graph media id goes in `ref` and fetchMedia copies them into Files. */
function media(type: string, m: WaMedia | undefined): WaContent {
  return {
    text: m?.caption,
    attachments: [{ type: MEDIA[type]!, ref: m?.id, mime: m?.mime_type, name: m?.filename }],
    meta: {},
  };
}

/**
 * The content of one WhatsApp message by type. Types we cannot show (orders, system notices, types Meta
 * itself marks `unsupported`, future ones) become an `unsupported` attachment carrying Meta's
 * description, so the agent sees that the customer wrote something.
 */
export function messageContent(msg: WaMessage): WaContent | null {
  const type = msg.type ?? 'unknown';
  if (type in MEDIA) return media(type, msg[type as 'image' | 'video' | 'audio' | 'document' | 'sticker']);
  switch (type) {
    case 'text':
      return { text: msg.text?.body, attachments: [], meta: {} };
    case 'location': {
      const l = msg.location ?? {};
      if (l.latitude === undefined || l.longitude === undefined) break;
      const label = [l.name, l.address].filter(Boolean).join(', ') || `${l.latitude}, ${l.longitude}`;
      return {
        attachments: [{ type: 'location', url: mapsLink(l.latitude, l.longitude), name: label }],
        meta: { location: l },
      };
    }
    case 'contacts':
      return {
        attachments: (msg.contacts ?? []).map((c) => ({
          type: 'contact' as const,
          name: [
            c.name?.formatted_name,
            ...(c.phones ?? []).map((p) => p.phone),
            ...(c.emails ?? []).map((e) => e.email),
          ]
            .filter(Boolean)
            .join(' · '),
        })),
        meta: { contacts: msg.contacts },
      };
    case 'button':
      return {
        text: msg.button?.text,
        attachments: [],
        meta: { interactive: { type: 'button', payload: msg.button?.payload } },
      };
    case 'interactive': {
      const i = msg.interactive ?? {};
      const reply = i.button_reply ?? i.list_reply;
      if (reply) return { text: reply.title, attachments: [], meta: { interactive: { type: i.type, id: reply.id } } };
      if (i.nfm_reply)
        return {
          text: i.nfm_reply.body,
          attachments: [],
          meta: { interactive: { type: 'nfm_reply', name: i.nfm_reply.name, response: i.nfm_reply.response_json } },
        };
      break;
    }
    case 'reaction':
      // An empty emoji removes a reaction: nothing the customer said.
      if (!msg.reaction?.emoji) return null;
      return {
        text: msg.reaction.emoji,
        attachments: [],
        meta: { reaction: { to: msg.reaction.message_id, emoji: msg.reaction.emoji } },
      };
  }
  const e = msg.errors?.[0];
  const description = e?.error_data?.details ?? e?.title ?? e?.message;
  return {
    attachments: [{ type: 'unsupported', name: description ? `${type}: ${description}` : type }],
    meta: { unsupportedType: type },
  };
}
