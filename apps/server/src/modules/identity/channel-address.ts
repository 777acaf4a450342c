import { and, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactChannels } from '../../db/schema';
import { survivingContact } from './identifiers';
import { suggestPair } from './suggestions';

export type LinkOutcome =
  | { kind: 'linked'; contactId: number }
  | { kind: 'already'; contactId: number }
  | { kind: 'suggested'; contactId: number; otherContactId: number; suggestionId: number }
  | { kind: 'none' };

/**
 * Records that the provider reaches a contact at `externalId` on a channel, when it says so itself (Meta's
 * answer to a private reply names the commenter's Messenger PSID, which a Page comment's author id need not
 * be). A free address becomes one more of the contact's addresses, so that person's later messages land on
 * this contact and conversation. An address another contact already owns is never moved: a merge is
 * suggested instead (reason `channel`), for an agent to decide. Runs in the caller's transaction.
 */
export async function linkChannelAddress(
  scope: Scope,
  contactId: number,
  channelId: number,
  externalId: string,
): Promise<LinkOutcome> {
  const contact = await survivingContact(scope, contactId);
  if (!contact) return { kind: 'none' };
  const owner = () =>
    scope.first(
      contactChannels,
      and(eq(contactChannels.channelId, channelId), eq(contactChannels.externalId, externalId)),
    );
  let existing = await owner();
  if (!existing) {
    const inserted = await scope
      .insert(contactChannels, { contactId: contact.id, channelId, externalId, lastInboundAt: null })
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0) return { kind: 'linked', contactId: contact.id };
    existing = await owner(); // the person wrote at the same moment: their message created the address
  }
  if (!existing || existing.contactId === contact.id) return { kind: 'already', contactId: contact.id };
  const suggestion = await suggestPair(scope, contact.id, existing.contactId, 'channel', externalId);
  return { kind: 'suggested', contactId: contact.id, otherContactId: existing.contactId, suggestionId: suggestion.id };
}
