import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { replySubject } from '../../channels/email/outbound';
import { channels, contactChannels, contacts, conversations, messages } from '../../db/schema';
import { notFound } from '../../http/errors';
import { loadChannelInScope } from '../channels/service';
import { addressPreference } from '../contacts/address-preference';
import { phoneAddressFormat } from '../contacts/phone-address';
import { lastOwnInbound } from './last-inbound';

/**
 * The channels the composer can reply on for a conversation's contact, the default first (the one the
 * contact last wrote from), each with whether its messaging window is open: a channel with
 * `capabilities.windowHours` only accepts free-form replies that long after the contact's last message.
 */
export async function replyChannels(ctx: Ctx, scope: Scope, conversationId: number, now = new Date()) {
  const [conv] = await scope.find(conversations, eq(conversations.id, conversationId));
  if (!conv) throw notFound('Conversation');
  const rows = await scope.unscopedDb
    .select({ address: contactChannels, channel: channels })
    .from(contactChannels)
    .innerJoin(channels, and(eq(channels.id, contactChannels.channelId), scope.owns(channels)))
    .where(and(scope.owns(contactChannels), eq(contactChannels.contactId, conv.contactId)))
    .orderBy(...addressPreference);
  // One entry per channel: the address a reply there goes to (a contact may hold several on one channel).
  const perChannel = rows.filter((r, i) => rows.findIndex((o) => o.channel.id === r.channel.id) === i);
  const entry = async (
    channel: Pick<typeof channels.$inferSelect, 'id' | 'type' | 'name' | 'status'>,
    address: { unreachable: boolean; lastInboundAt: Date | null },
    viaPhone: string | null = null,
  ) => {
    const adapter = ctx.channels.has(channel.type) ? ctx.channels.get(channel.type) : null;
    const capabilities = adapter?.capabilities ?? null;
    const windowHours = capabilities?.windowHours ?? null;
    const closesAt =
      windowHours !== null && address.lastInboundAt
        ? new Date(address.lastInboundAt.getTime() + windowHours * 3_600_000)
        : null;
    return {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      status: channel.status,
      unreachable: address.unreachable,
      lastInboundAt: address.lastInboundAt?.toISOString() ?? null,
      windowHours,
      windowClosesAt: closesAt?.toISOString() ?? null,
      windowOpen: windowHours === null || (closesAt !== null && closesAt > now),
      /** Approved templates can be sent on it (when the window is closed, only they). */
      templates: capabilities?.templates ?? false,
      /** Messenger/Instagram: the message tags a reply may carry once the window has closed. */
      messageTags: adapter?.messageTags
        ? adapter.messageTags((await loadChannelInScope(ctx, scope, channel.id)).config, address.lastInboundAt)
        : [],
      /** Email: the subject the reply goes out with ("Re: " the contact's last subject). */
      subject: channel.type === 'email' ? await emailReplySubject(scope, conv.contactId, channel.id) : null,
      /** Set when the contact has no address on the channel yet: the reply goes to this phone number. */
      viaPhone,
    };
  };
  const items = await Promise.all(perChannel.map(({ address, channel }) => entry(channel, address)));
  const byPhone = await phoneChannels(ctx, scope, conv.contactId, new Set(items.map((i) => i.id)));
  const neverWrote = { unreachable: false, lastInboundAt: null };
  items.push(...(await Promise.all(byPhone.map(({ channel, phone }) => entry(channel, neverWrote, phone)))));
  const preferred = conv.lastChannelId ?? items[0]?.id;
  return { defaultChannelId: items.some((i) => i.id === preferred) ? preferred! : (items[0]?.id ?? null), items };
}

async function emailReplySubject(scope: Scope, contactId: number, channelId: number): Promise<string | null> {
  const last = await lastOwnInbound(scope, contactId, channelId);
  const subject = last?.meta.subject;
  return typeof subject === 'string' && subject.trim() ? replySubject(subject, '') : null;
}

/**
 * The workspace's channels that write to phone numbers (WhatsApp, SMS) on which the contact has no address
 * yet, when the contact has a phone: a reply there starts the conversation at that number
 * (contacts/phone-address.ts). WhatsApp's window has never opened, so only templates go.
 */
async function phoneChannels(ctx: Ctx, scope: Scope, contactId: number, known: Set<number>) {
  const [contact] = await scope.find(contacts, eq(contacts.id, contactId));
  if (!contact?.phone || contact.blocked) return [];
  const phone = contact.phone;
  const rows = await scope.find(channels, eq(channels.status, 'active'));
  const out: { channel: (typeof rows)[number]; phone: string }[] = [];
  for (const channel of rows) {
    if (known.has(channel.id) || !ctx.channels.has(channel.type) || !ctx.channels.get(channel.type).phoneAddress)
      continue;
    if (phoneAddressFormat(ctx, await loadChannelInScope(ctx, scope, channel.id))) out.push({ channel, phone });
  }
  return out;
}
