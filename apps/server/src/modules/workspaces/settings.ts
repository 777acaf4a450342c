import { eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { workspaces } from '../../db/schema';
import { type BusinessHours, businessHoursOf } from './business-hours';
import { type ClosingNotesSettings, closingNotesOf } from './closing-notes';
import type { Workspace } from './service';

export function serializeSettings(ws: Workspace) {
  return {
    general: { name: ws.name, timezone: ws.timezone, locale: ws.locale, defaultCountry: ws.defaultCountry },
    closingNotes: closingNotesOf(ws),
    businessHours: businessHoursOf(ws.settings),
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

/**
 * Sets one key of the settings JSON in place (`settings || {key: value}`), so saving one section never
 * writes back a stale copy of the others.
 */
export async function setWorkspaceSetting(scope: Scope, key: string, value: unknown): Promise<Workspace> {
  const [ws] = await scope.unscopedDb
    .update(workspaces)
    .set({ settings: sql`${workspaces.settings} || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb)` })
    .where(eq(workspaces.id, scope.workspaceId))
    .returning();
  return ws!;
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

/** Business hours live in the settings JSON; their time zone is the workspace's own column. */
export function updateBusinessHours(scope: Scope, ws: Workspace, input: BusinessHours & { timezone?: string }) {
  const { timezone, ...businessHours } = input;
  return update(scope, { ...(timezone ? { timezone } : {}), settings: { ...ws.settings, businessHours } });
}
