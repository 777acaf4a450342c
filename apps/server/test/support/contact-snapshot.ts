import { asc, eq, notInArray } from 'drizzle-orm';
import type { Scope } from '../../src/db/scope';
import {
  activities,
  comments,
  contactChannels,
  contactIdentifiers,
  contacts,
  contactTags,
  conversations,
  messages,
} from '../../src/db/schema';

/**
 * Every row that belongs to a contact, in id order: what a merge moves and a split must put back. The
 * timeline entries written by the merge and split themselves are left out (they are the record of it).
 */
export async function contactSnapshot(scope: Scope, contactId: number) {
  return {
    contact: await scope.find(contacts, eq(contacts.id, contactId)),
    channels: await scope
      .find(contactChannels, eq(contactChannels.contactId, contactId))
      .orderBy(asc(contactChannels.id)),
    identifiers: await scope
      .find(contactIdentifiers, eq(contactIdentifiers.contactId, contactId))
      .orderBy(asc(contactIdentifiers.id)),
    tags: await scope.find(contactTags, eq(contactTags.contactId, contactId)).orderBy(asc(contactTags.tagId)),
    conversations: await scope
      .find(conversations, eq(conversations.contactId, contactId))
      .orderBy(asc(conversations.id)),
    messages: await scope.find(messages, eq(messages.contactId, contactId)).orderBy(asc(messages.id)),
    comments: await scope.find(comments, eq(comments.contactId, contactId)).orderBy(asc(comments.id)),
    activities: await scope
      .find(
        activities,
        eq(activities.contactId, contactId),
        notInArray(activities.kind, ['contact.merged', 'contact.split']),
      )
      .orderBy(asc(activities.id)),
  };
}
