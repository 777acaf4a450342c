import type { BroadcastReport, RecipientStatus } from '@charla/contracts/broadcasts';
import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { broadcastRecipients, contacts } from '../../db/schema';
import { contactListConditions, contactName } from '../contacts/service';
import type { Member } from '../workspaces/service';

/** Statuses that mean the message reached at least that far (a reply implies it was read). */
const REACHED: Record<'sent' | 'delivered' | 'read' | 'replied', RecipientStatus[]> = {
  sent: ['sent', 'delivered', 'read', 'replied'],
  delivered: ['delivered', 'read', 'replied'],
  read: ['read', 'replied'],
  replied: ['replied'],
};

/** The report's counts, from one GROUP BY over the (broadcast, status) index. */
export async function broadcastReport(scope: Scope, broadcastId: number): Promise<BroadcastReport> {
  const rows = await scope.unscopedDb
    .select({ status: broadcastRecipients.status, retryable: broadcastRecipients.retryable, n: count() })
    .from(broadcastRecipients)
    .where(scope.where(broadcastRecipients, eq(broadcastRecipients.broadcastId, broadcastId)))
    .groupBy(broadcastRecipients.status, broadcastRecipients.retryable);
  const of = (statuses: RecipientStatus[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0);
  return {
    recipients: of(['pending', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped']),
    pending: of(['pending']),
    sent: of(REACHED.sent),
    delivered: of(REACHED.delivered),
    read: of(REACHED.read),
    replied: of(REACHED.replied),
    failed: of(['failed']),
    skipped: of(['skipped']),
    retryable: rows.filter((r) => r.status === 'failed' && r.retryable).reduce((sum, r) => sum + Number(r.n), 0),
  };
}

/**
 * A page of recipients (optionally of one status: the failed view), with the contact's name. An agent
 * sees only the contacts their access level shows them.
 */
export async function listRecipients(
  scope: Scope,
  member: Member,
  broadcastId: number,
  opts: { status?: RecipientStatus; after?: number; limit?: number },
) {
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await scope.unscopedDb
    .select({ r: broadcastRecipients, contact: contacts })
    .from(broadcastRecipients)
    .innerJoin(contacts, eq(contacts.id, broadcastRecipients.contactId))
    .where(
      and(
        scope.where(
          broadcastRecipients,
          eq(broadcastRecipients.broadcastId, broadcastId),
          opts.status ? eq(broadcastRecipients.status, opts.status) : undefined,
          opts.after ? gt(broadcastRecipients.id, opts.after) : undefined,
        ),
        scope.owns(contacts),
        member.role === 'agent' ? contactListConditions(member) : undefined,
      ),
    )
    .orderBy(asc(broadcastRecipients.id))
    .limit(limit);
  const items = rows.map(({ r, contact }) => ({
    id: r.id,
    contactId: r.contactId,
    contactName: contactName(contact),
    address: r.address,
    messageId: r.messageId,
    status: r.status,
    errorCode: r.errorCode,
    errorReason: r.errorReason,
    retryable: r.retryable,
    attempts: r.attempts,
    sentAt: r.sentAt?.toISOString() ?? null,
    repliedAt: r.repliedAt?.toISOString() ?? null,
  }));
  return { items, next: items.length === limit ? items[items.length - 1]!.id : null };
}
