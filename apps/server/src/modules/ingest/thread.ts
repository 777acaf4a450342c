import { and, eq, inArray } from 'drizzle-orm';
import type { InboundMessage } from '../../channels/types';
import type { Scope } from '../../db/scope';
import { messages } from '../../db/schema';
import { isContactBlocked } from '../contacts/inbox-state';

/**
 * Where an inbound message that answers earlier messages belongs (an email whose In-Reply-To or
 * References name a mail we sent or received on this channel): the contact whose thread holds the
 * nearest of them. Null when it names none of ours.
 */
async function threadContactOf(scope: Scope, channelId: number, refs: string[]): Promise<number | null> {
  if (refs.length === 0) return null;
  const found = await scope
    .find(messages, and(eq(messages.channelId, channelId), inArray(messages.providerMessageId, refs)))
    .limit(refs.length);
  for (const ref of refs) {
    const m = found.find((row) => row.providerMessageId === ref);
    if (m) return m.contactId;
  }
  return null;
}

/**
 * A reply from another address (a colleague in Cc, the customer's other mailbox) to a thread we know
 * joins that thread's contact: agents read it in the conversation it answers. The sender keeps their
 * own contact (resolved before, never merged: an address that quotes a Message-ID is not proof of being
 * the same person) and is named on the message (`meta.from`). Their Reply-To is dropped, so answering the
 * conversation still writes only to its contact: a forged References header can place a message in a
 * thread, but never sends that thread's replies to the forger.
 */
export async function placeInThread(
  scope: Scope,
  channelId: number,
  sender: { id: number; blocked: boolean },
  item: InboundMessage,
): Promise<{ contact: { id: number; blocked: boolean }; message: InboundMessage }> {
  const threadContactId = item.threadRefs ? await threadContactOf(scope, channelId, item.threadRefs) : null;
  // A blocked sender stays on their own contact, whose messages are dropped.
  if (threadContactId === null || threadContactId === sender.id || sender.blocked)
    return { contact: sender, message: item };
  const { replyTo: _ignored, ...meta } = item.meta ?? {};
  const from = { address: item.sender.externalId, name: item.sender.name ?? null, contactId: sender.id };
  return {
    contact: { id: threadContactId, blocked: await isContactBlocked(scope, threadContactId) },
    message: { ...item, meta: { ...meta, from } },
  };
}
