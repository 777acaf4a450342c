import { eq } from 'drizzle-orm';
import type { Scope } from '../../src/db/scope';
import { messages } from '../../src/db/schema';
import { eventually } from './runtime';

/** Waits until a message reaches one of `statuses` (an outbound send settles as sent or failed). */
export const messageSettled = (scope: Scope, id: number, statuses = ['sent', 'failed']) =>
  eventually(async () => {
    const [m] = await scope.find(messages, eq(messages.id, id));
    return m && statuses.includes(m.status) ? m : undefined;
  }, 20_000);

/** A message by the provider's id, if stored. */
export const messageByProviderId = async (scope: Scope, providerMessageId: string) =>
  (await scope.find(messages, eq(messages.providerMessageId, providerMessageId)))[0];
