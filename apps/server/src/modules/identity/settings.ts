import { eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { workspaces } from '../../db/schema';

export interface IdentitySettings {
  /** Merge without asking when the shared phone or email is verified on both contacts. Off by default. */
  autoMergeVerified: boolean;
}

/** The workspace row is not a tenant table (it is the tenant), so it is read by the scope's own id. */
export async function getIdentitySettings(scope: Scope): Promise<IdentitySettings> {
  const [row] = await scope.unscopedDb
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, scope.workspaceId));
  return { autoMergeVerified: row?.settings.autoMergeVerified === true };
}

export async function setIdentitySettings(scope: Scope, input: IdentitySettings): Promise<IdentitySettings> {
  await scope.unscopedDb
    .update(workspaces)
    .set({ settings: sql`${workspaces.settings} || ${JSON.stringify(input)}::jsonb` })
    .where(eq(workspaces.id, scope.workspaceId));
  return getIdentitySettings(scope);
}
