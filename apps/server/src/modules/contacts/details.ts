import { asc, desc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { channels, contactChannels, contactIdentifiers, conversations } from '../../db/schema';
import { tagsOfContact } from '../tags/service';
import { type Contact, serializeContact } from './service';

/** Everything the contact page shows besides the timeline: identifiers, channel addresses, tags, conversations. */
export async function contactDetails(scope: Scope, contact: Contact) {
  const identifiers = await scope
    .find(contactIdentifiers, eq(contactIdentifiers.contactId, contact.id))
    .orderBy(asc(contactIdentifiers.id));
  const addresses = await scope.unscopedDb
    .select({ address: contactChannels, channel: { id: channels.id, type: channels.type, name: channels.name } })
    .from(contactChannels)
    .innerJoin(channels, eq(channels.id, contactChannels.channelId))
    .where(scope.where(contactChannels, eq(contactChannels.contactId, contact.id), scope.owns(channels)))
    .orderBy(asc(contactChannels.id));
  const convs = await scope
    .find(conversations, eq(conversations.contactId, contact.id))
    .orderBy(desc(conversations.id))
    .limit(50);
  return {
    ...serializeContact(contact),
    identifiers: identifiers.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      source: i.source,
      verified: i.verified,
      createdAt: i.createdAt.toISOString(),
    })),
    channels: addresses.map(({ address, channel }) => ({
      id: address.id,
      channel,
      externalId: address.externalId,
      displayName: address.displayName,
      lastInboundAt: address.lastInboundAt?.toISOString() ?? null,
    })),
    tags: await tagsOfContact(scope, contact.id),
    conversations: convs.map((c) => ({
      id: c.id,
      status: c.status,
      openedAt: c.openedAt.toISOString(),
      lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
    })),
  };
}
