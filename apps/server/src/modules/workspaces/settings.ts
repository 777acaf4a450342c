import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { workspaces } from '../../db/schema';
import { type ClosingNotesSettings, closingNotesOf } from './closing-notes';
import type { Workspace } from './service';

export function serializeSettings(ws: Workspace) {
  return {
    general: { name: ws.name, timezone: ws.timezone, locale: ws.locale, defaultCountry: ws.defaultCountry },
    closingNotes: closingNotesOf(ws),
  };
}

/** The workspace row is the scope's own: it is addressed by the scope's id, never by one from the request. */
async function update(scope: Scope, set: Partial<typeof workspaces.$inferInsert>) {
  const [ws] = await scope.unscopedDb
    .update(workspaces)
    .set(set)
    .where(eq(workspaces.id, scope.workspaceId))
    .returning();
  return serializeSettings(ws!);
}

export function updateGeneralSettings(
  scope: Scope,
  input: { name?: string; timezone?: string; locale?: 'es' | 'en'; defaultCountry?: string | null },
) {
  return update(scope, input);
}

export function updateClosingNotes(scope: Scope, ws: Workspace, closingNotes: ClosingNotesSettings) {
  const categories = [...new Set(closingNotes.categories)];
  return update(scope, { settings: { ...ws.settings, closingNotes: { ...closingNotes, categories } } });
}
