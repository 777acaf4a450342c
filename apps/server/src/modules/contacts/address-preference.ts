import { desc, sql } from 'drizzle-orm';
import { contactChannels } from '../../db/schema';

/**
 * The order a contact's addresses are tried in when one is needed (the reply's channel, the outbound
 * send, a read receipt): the one they last wrote from first, then the newest. A contact can hold several
 * addresses on one channel — after a merge, or once Meta named the PSID of someone who had only commented
 * (identity/channel-address.ts) — and every caller must pick the same one. Nulls last: PostgreSQL sorts
 * them first in a descending order.
 */
export const addressPreference = [sql`${contactChannels.lastInboundAt} desc nulls last`, desc(contactChannels.id)];
