import { eq, type SQL, sql } from 'drizzle-orm';
import type { PhoneAddressFormat } from '../../channels/types';
import type { Ctx } from '../../context';
import type { Scope } from '../../db/scope';
import { contactChannels, contacts } from '../../db/schema';
import { AppError } from '../../http/errors';
import type { LoadedChannel } from '../channels/service';
import { linkChannelAddress } from '../identity/channel-address';

/** `+525512345678` written as an address of a channel that addresses people by phone number. */
export const phoneAddressOf = (format: PhoneAddressFormat, e164: string) =>
  `${format.prefix}${format.plus ? e164 : e164.replace(/^\+/, '')}`;

/** The same in SQL, over a column holding E.164 numbers. */
export const phoneAddressSql = (format: PhoneAddressFormat, e164: SQL | typeof contacts.phone): SQL =>
  format.plus ? sql`${format.prefix} || ${e164}` : sql`${format.prefix} || substr(${e164}, 2)`;

/** How `channel` writes phone numbers as addresses, or null when it does not address people by number. */
export function phoneAddressFormat(ctx: Ctx, channel: Pick<LoadedChannel, 'type' | 'config' | 'status'>) {
  if (channel.status === 'disabled' || !ctx.channels.has(channel.type)) return null;
  return ctx.channels.get(channel.type).phoneAddress?.(channel.config) ?? null;
}

/**
 * The address at which a channel that writes to phone numbers reaches a contact who has no address there
 * yet (imported, typed into a form): made from the contact's phone and recorded as one of their addresses,
 * so that their answer lands on them. Refused with the reason when the channel cannot write to numbers,
 * the contact has no phone, or the number is already another contact's address on the channel (a merge is
 * suggested instead: the two are very likely one person). Runs in the caller's transaction.
 */
export async function addressByPhone(ctx: Ctx, scope: Scope, contactId: number, channel: LoadedChannel) {
  const format = phoneAddressFormat(ctx, channel);
  if (!format)
    throw new AppError(
      'invalid',
      'no_channel',
      'The contact has no address on that channel and it does not write to phone numbers',
    );
  const [contact] = await scope.find(contacts, eq(contacts.id, contactId));
  if (!contact?.phone)
    throw new AppError(
      'invalid',
      'no_phone',
      'The contact has no address on that channel and no phone number to write to',
    );
  const externalId = phoneAddressOf(format, contact.phone);
  const outcome = await linkChannelAddress(scope, contact.id, channel.id, externalId);
  if (outcome.kind === 'suggested')
    throw new AppError(
      'conflict',
      'address_taken',
      `${contact.phone} is another contact's address on this channel (#${outcome.otherContactId}): merge the two to write to it`,
    );
  const [address] = await scope.find(
    contactChannels,
    eq(contactChannels.channelId, channel.id),
    eq(contactChannels.externalId, externalId),
  );
  if (!address) throw new AppError('invalid', 'no_channel', 'The contact has no address on that channel');
  return address;
}
