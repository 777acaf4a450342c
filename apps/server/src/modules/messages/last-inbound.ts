import { desc, eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { messages } from '../../db/schema';

/**
 * The contact's own last message on the channel, which an email reply answers (its subject, threading
 * ids and Reply-To). Messages others wrote into the contact's thread (`meta.from`, a colleague in Cc)
 * are skipped: the reply goes to the contact, as an answer to the contact's mail.
 */
export async function lastOwnInbound(scope: Scope, contactId: number, channelId: number) {
  const [last] = await scope
    .find(
      messages,
      eq(messages.contactId, contactId),
      eq(messages.channelId, channelId),
      eq(messages.direction, 'in'),
      sql`${messages.meta} -> 'from' is null`,
    )
    .orderBy(desc(messages.id))
    .limit(1);
  return last ?? null;
}
