import type { SegmentGroup } from '@charla/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import type { PhoneAddressFormat } from '../../channels/types';
import { broadcastRecipients, contactChannels, contacts, segments } from '../../db/schema';
import { phoneAddressSql } from '../contacts/phone-address';
import { segmentWhere } from '../contacts/segments/evaluate';
import type { Broadcast } from './service';

const EVERYONE: SegmentGroup = { $and: [] };

/**
 * Takes the broadcast's audience once, when sending starts: the segment's contacts (every contact for
 * "all contacts") that have an address on the channel, one row each (their most recently used address).
 * On a channel that writes to phone numbers (`phoneFormat`: WhatsApp, SMS), a contact known only by their
 * phone (imported, typed into a form) first gets that number as their address there — unless it already
 * is another contact's address, who is the one reached. Blocked contacts and addresses that opted out or
 * cannot be reached are recorded as `skipped` with the reason, so the report accounts for them; contacts
 * with no address on the channel are not part of the audience. Contacts added to the segment later do not
 * join. Returns the number of rows, or null when the segment is gone.
 */
export async function snapshotAudience(
  tx: Scope,
  b: Broadcast,
  timeZone: string,
  phoneFormat: PhoneAddressFormat | null = null,
): Promise<number | null> {
  let definition = EVERYONE;
  if (!b.allContacts) {
    const segment = b.segmentId ? await tx.first(segments, eq(segments.id, b.segmentId)) : undefined;
    if (!segment) return null;
    definition = segment.definition;
  }
  const where = segmentWhere(tx, definition, { member: null, timeZone });
  if (phoneFormat)
    await tx.unscopedDb.execute(sql`
      insert into ${contactChannels} (workspace_id, contact_id, channel_id, external_id)
      select ${tx.workspaceId}::bigint, ${contacts.id}, ${b.channelId}::bigint, ${phoneAddressSql(phoneFormat, contacts.phone)}
      from ${contacts}
      where ${where} and ${contacts.phone} is not null
        and not exists (select 1 from contact_channels mine
          where mine.contact_id = ${contacts.id} and mine.channel_id = ${b.channelId} and mine.workspace_id = ${tx.workspaceId})
      on conflict do nothing`);
  await tx.unscopedDb.execute(sql`
    insert into ${broadcastRecipients} (workspace_id, broadcast_id, contact_id, address, status, error_code, error_reason)
    select distinct on (${contacts.id})
      ${tx.workspaceId}::bigint, ${b.id}::bigint, ${contacts.id}, cc.external_id,
      case when ${contacts.blocked} or cc.unreachable then 'skipped' else 'pending' end,
      case
        when ${contacts.blocked} then 'blocked'
        when cc.unreachable and cc.unreachable_reason like 'opted_out%' then 'opted_out'
        when cc.unreachable then 'unreachable'
      end,
      case
        when ${contacts.blocked} then 'The contact is blocked'
        when cc.unreachable then coalesce(cc.unreachable_reason, 'The contact cannot be reached on this channel')
      end
    from ${contacts}
    join contact_channels cc
      on cc.contact_id = ${contacts.id} and cc.channel_id = ${b.channelId} and cc.workspace_id = ${tx.workspaceId}
    where ${where}
    order by ${contacts.id}, cc.unreachable, cc.last_inbound_at desc nulls last, cc.id
    on conflict do nothing`);
  return tx.count(broadcastRecipients, eq(broadcastRecipients.broadcastId, b.id));
}
