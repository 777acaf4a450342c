import { and, eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { webhookDeliveries } from '../../db/schema';

/** The body of a queued delivery, now about `contactId`: the contact and its message name the survivor. */
function aboutContact(body: string, contactId: number): string {
  const parsed = JSON.parse(body) as { data?: { contact?: { id?: number }; message?: { contactId?: number } } };
  if (parsed.data?.contact) parsed.data.contact.id = contactId;
  if (parsed.data?.message) parsed.data.message.contactId = contactId;
  return JSON.stringify(parsed);
}

/**
 * When `mergedId` is merged into `keptId` (in the merge's transaction): its queued deliveries join the
 * kept contact's queue, so the person's events keep going out one at a time in event order, and their
 * payloads name the surviving contact. Delivered and failed ones keep the merged id (the log shows what
 * was sent). A delivery being posted at that very moment may go out twice (delivery is at least once).
 * A split (Separar) does not move them back: they were sent about the person as known when queued.
 */
export async function moveDeliveriesOnMerge(scope: Scope, keptId: number, mergedId: number): Promise<void> {
  const queued = await scope.find(
    webhookDeliveries,
    and(eq(webhookDeliveries.contactId, mergedId), eq(webhookDeliveries.status, 'pending')),
  );
  for (const d of queued) {
    await scope.update(
      webhookDeliveries,
      { contactId: keptId, body: aboutContact(d.body, keptId) },
      eq(webhookDeliveries.id, d.id),
    );
  }
}
