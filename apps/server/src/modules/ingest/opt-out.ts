import { and, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactChannels } from '../../db/schema';

/** SMS channels, where carriers and the law make STOP-style replies binding. */
const SMS_CHANNELS = new Set(['twilio', 'vonage', 'messagebird']);

/** The keywords carriers treat as an opt-out, in English and Spanish (compared without case or accents). */
const OPT_OUT = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'baja',
  'darse de baja',
  'alto',
  'cancelar',
  'detener',
  'parar',
  'no mas',
  'no más',
]);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s.!¡]+/g, ' ')
    .trim();

const KEYWORDS = new Set([...OPT_OUT].map(fold));

/** Whether an inbound message on this channel is an SMS opt-out keyword (the whole message, like STOP). */
export function isOptOut(channelType: string, externalId: string, body: string | null | undefined): boolean {
  if (!SMS_CHANNELS.has(channelType) || externalId.startsWith('whatsapp:') || !body) return false;
  return KEYWORDS.has(fold(body));
}

/**
 * Marks the contact's address on this channel opted out: replies are refused with the reason until the
 * contact writes again (which is also how carriers resubscribe: START / ALTA, or any new message).
 */
export async function markOptedOut(scope: Scope, channelId: number, externalId: string, keyword: string) {
  await scope.update(
    contactChannels,
    { unreachable: true, unreachableReason: `opted_out: the contact replied "${keyword.trim().slice(0, 40)}"` },
    and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
  );
}
