import { webhookDeliveries, webhookSubscriptions } from '../../src/db/schema';
import type { Scope } from '../../src/db/scope';

/**
 * A paused outgoing webhook with one delivery whose body carries `mark` (so a leak is seen), for the
 * tenant-isolation suites. Paused, so nothing is ever sent to its (public, unreachable) URL.
 */
export async function webhookWithDelivery(scope: Scope, contactId: number, mark: string) {
  const [sub] = await scope
    .insert(webhookSubscriptions, {
      url: 'https://203.0.113.10/hook',
      events: ['contact.updated'],
      secretSealed: 'v1.x.x.x',
      enabled: false,
    })
    .returning();
  const [delivery] = await scope
    .insert(webhookDeliveries, {
      subscriptionId: sub!.id,
      contactId,
      eventId: `evt-${mark}`,
      event: 'contact.updated',
      eventAt: new Date(),
      body: JSON.stringify({ event: 'contact.updated', data: { note: mark } }),
    })
    .returning();
  return { webhook: sub!.id, webhookDelivery: delivery!.id };
}
