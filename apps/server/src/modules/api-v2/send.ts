import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { channels, contactChannels, messageTemplates } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import type { Contact } from '../contacts/service';
import { openConversationFor } from '../conversations/service';
import { sendReply } from '../messages/send';
import type { TemplateInput } from '../messages/template-reply';
import type { Member } from '../workspaces/service';
import type { OutgoingMessage } from './schemas';
import { templateComponentValues } from './template-components';

/**
 * The custom channel's address for a contact who never wrote on it: the phone, or the email. Channels that
 * address people by phone number get theirs on the send path itself (replyAddress →
 * contacts/phone-address.ts); others (Telegram, Messenger, web chat…) need the contact to write first.
 */
async function ensureCustomAddress(scope: Scope, contact: Contact, channelId: number) {
  const channel = await scope.first(channels, eq(channels.id, channelId));
  if (!channel) throw notFound('Channel');
  if (channel.type !== 'custom') return;
  const mine = and(eq(contactChannels.contactId, contact.id), eq(contactChannels.channelId, channelId));
  if (await scope.first(contactChannels, mine)) return;
  const externalId = contact.phone ?? contact.email;
  if (!externalId)
    throw new AppError('invalid', 'no_channel', 'The contact has no address on that channel and none can be derived');
  const taken = await scope.first(
    contactChannels,
    eq(contactChannels.channelId, channelId),
    eq(contactChannels.externalId, externalId),
  );
  if (taken) throw new AppError('conflict', 'address_taken', 'Another contact holds that address on the channel');
  await scope.insert(contactChannels, { contactId: contact.id, channelId, externalId });
}

/**
 * The WhatsApp template named by name and language (on the channel, when given) and what its components
 * carry, in WhatsApp Cloud API's shape (see template-components.ts).
 */
async function templateInput(
  scope: Scope,
  m: Extract<OutgoingMessage, { type: 'whatsapp_template' }>,
  channelId?: number,
): Promise<TemplateInput> {
  const [t] = await scope.find(
    messageTemplates,
    and(
      eq(messageTemplates.name, m.template.name),
      eq(messageTemplates.language, m.template.languageCode),
      channelId ? eq(messageTemplates.channelId, channelId) : undefined,
    ),
  );
  if (!t) throw notFound('Template');
  return { id: t.id, ...templateComponentValues(m.template.components ?? []) };
}

/** What the agents' send path takes for each API message type. */
async function replyInput(scope: Scope, m: OutgoingMessage, channelId?: number) {
  switch (m.type) {
    case 'text':
      return { text: m.text };
    case 'email': {
      const list = (v?: string | string[]) => (v === undefined ? undefined : [v].flat());
      const email = {
        cc: list(m.cc),
        bcc: list(m.bcc),
        replyToMessageId: m.replyToMessageId,
        attachments: m.attachments,
      };
      const kept = Object.fromEntries(Object.entries(email).filter(([, v]) => v !== undefined));
      return {
        text: (m.text ?? m.message)!,
        meta: { ...(m.subject ? { subject: m.subject } : {}), ...(Object.keys(kept).length ? { email: kept } : {}) },
      };
    }
    case 'quick_reply':
      return { text: m.title, meta: { quickReplies: m.replies } };
    case 'attachment':
      return { text: m.attachment.url, meta: { attachment: m.attachment } };
    case 'custom_payload':
      return { text: JSON.stringify(m.payload), meta: { customPayload: m.payload } };
    case 'whatsapp_template':
      return { template: await templateInput(scope, m, channelId) };
  }
}

/**
 * POST /contact/{identifier}/message: opens (or continues) the contact's conversation and queues the
 * message through the agents' send path (stored pending, sent by the outbound job with retries). Without
 * `channelId` it goes out on the channel the contact last interacted on.
 */
export async function sendByApi(
  ctx: Ctx,
  scope: Scope,
  member: Member,
  contact: Contact,
  input: { channelId?: number | null; message: OutgoingMessage },
) {
  const channelId = input.channelId ?? undefined;
  return scope.transaction(async (tx) => {
    if (channelId) await ensureCustomAddress(tx, contact, channelId);
    const { conversation } = await openConversationFor(ctx, tx, contact.id, 'api');
    const reply = await replyInput(tx, input.message, channelId);
    const sent = await sendReply(ctx, tx, member, conversation.id, {
      ...reply,
      channelId,
      senderKind: 'api',
    });
    return sent.id;
  });
}
