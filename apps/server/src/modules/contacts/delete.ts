import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { contacts } from '../../db/schema';
import { contactDto } from '../api-v2/contact-dto';
import { audit } from '../audit/service';
import type { Contact } from './service';

/**
 * Deletes a live contact with everything that cascades (addresses, conversations, messages, tags,
 * identifiers, merge history) and the merged-away contacts it absorbed: those are the same person, and
 * `merged_into_id` is `set null` on delete, which would otherwise bring their empty shells back to life.
 *
 * Emits `contact.deleted` carrying the contact as it was (the API's contact shape): unlike every other
 * event, nothing is left for a listener to read. The one path for the agents' API, the developer API and
 * anything else that deletes a person.
 */
export async function deleteContact(ctx: Ctx, scope: Scope, contact: Contact, actorUserId: number | null) {
  const snapshot = await contactDto(scope, contact);
  await scope.transaction(async (tx, rawTx) => {
    const ids = [contact.id];
    for (let level = [contact.id]; level.length > 0; ) {
      const absorbed = await tx.find(contacts, inArray(contacts.mergedIntoId, level));
      level = absorbed.map((c) => c.id).filter((id) => !ids.includes(id));
      ids.push(...level);
    }
    await tx.delete(contacts, inArray(contacts.id, ids));
    await audit(tx, actorUserId, 'contact.deleted', { contactId: contact.id, absorbedIds: ids.slice(1) });
    await ctx.events.emit(rawTx, scope.workspaceId, 'contact.deleted', { contactId: contact.id, contact: snapshot });
  });
}
