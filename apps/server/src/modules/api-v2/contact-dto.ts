import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contactTags, conversations, tags, users } from '../../db/schema';
import type { Contact } from '../contacts/service';
import { unix } from './schemas';

/** A user's name as respond.io gives it: first word and the rest. */
export const splitName = (name: string) => {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(' ') };
};

/** Contacts in the API's shape, with their tags, assignee and conversation status read in three queries. */
export async function contactDtos(scope: Scope, rows: Contact[]) {
  const ids = rows.map((c) => c.id);
  if (ids.length === 0) return [];
  const tagRows = await scope.unscopedDb
    .select({ contactId: contactTags.contactId, name: tags.name })
    .from(contactTags)
    .innerJoin(tags, and(eq(tags.id, contactTags.tagId), scope.owns(tags)))
    .where(scope.where(contactTags, inArray(contactTags.contactId, ids)))
    .orderBy(tags.name);
  const convRows = await scope.unscopedDb
    .selectDistinctOn([conversations.contactId], { contactId: conversations.contactId, status: conversations.status })
    .from(conversations)
    .where(scope.where(conversations, inArray(conversations.contactId, ids)))
    .orderBy(conversations.contactId, desc(conversations.status));
  const assigneeIds = [...new Set(rows.map((c) => c.assigneeUserId).filter((id): id is number => id !== null))];
  const assignees = assigneeIds.length
    ? await scope.unscopedDb.select().from(users).where(inArray(users.id, assigneeIds))
    : [];
  return rows.map((c) => {
    const user = assignees.find((u) => u.id === c.assigneeUserId);
    const conv = convRows.find((r) => r.contactId === c.id);
    return {
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      phone: c.phone,
      email: c.email,
      language: c.language,
      profilePic: c.avatarUrl,
      countryCode: c.country,
      // 'open' sorts after 'closed', so descending puts a contact's open conversation first.
      status: conv ? (conv.status === 'open' ? ('open' as const) : ('close' as const)) : null,
      lifecycle: c.lifecycleStage,
      tags: tagRows.filter((t) => t.contactId === c.id).map((t) => t.name),
      assignee: user ? { id: user.id, ...splitName(user.name), email: user.email } : null,
      created_at: unix(c.createdAt)!,
      custom_fields: Object.entries(c.customFields).map(([name, value]) => ({ name, value })),
    };
  });
}

export async function contactDto(scope: Scope, contact: Contact) {
  const [dto] = await contactDtos(scope, [contact]);
  return dto!;
}
