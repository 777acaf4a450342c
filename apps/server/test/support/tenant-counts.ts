import type { Scope } from '../../src/db/scope';
import {
  apiTokens,
  channels,
  contactMerges,
  contacts,
  conversations,
  customFields,
  files,
  invitations,
  knowledgeEntries,
  memberships,
  mergeSuggestions,
  messageTemplates,
  messages,
  notifications,
  snippets,
  tags,
  teams,
  webhookEvents,
} from '../../src/db/schema';

/** Row counts of A's tenant tables, to prove a sweep of attacks changed nothing. */
export async function tenantCounts(scope: Scope) {
  return {
    channels: await scope.count(channels),
    contacts: await scope.count(contacts),
    conversations: await scope.count(conversations),
    messages: await scope.count(messages),
    files: await scope.count(files),
    teams: await scope.count(teams),
    snippets: await scope.count(snippets),
    tags: await scope.count(tags),
    notifications: await scope.count(notifications),
    invitations: await scope.count(invitations),
    memberships: await scope.count(memberships),
    webhookEvents: await scope.count(webhookEvents),
    mergeSuggestions: await scope.count(mergeSuggestions),
    contactMerges: await scope.count(contactMerges),
    apiTokens: await scope.count(apiTokens),
    customFields: await scope.count(customFields),
    messageTemplates: await scope.count(messageTemplates),
    knowledgeEntries: await scope.count(knowledgeEntries),
  };
}
