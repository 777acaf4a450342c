import { sql } from 'drizzle-orm';
import type { Scope } from '../../../db/scope';

export interface NewContact {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  country: string | null;
  language: string | null;
  lifecycleStage: string | null;
  customFields: Record<string, unknown>;
}

export interface NewIdentifier {
  contactId: number;
  kind: 'phone' | 'email';
  value: string;
  key: string;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Inserts contacts from one JSON parameter instead of a VALUES list of ~10,000 parameters: on PostgreSQL
 * that halves an import batch (the parameters, not the rows, were the cost). Returns the new ids in the
 * order given: rows are inserted in array order and identity values grow with each insert, so sorting the
 * returned ids restores that order.
 */
export async function insertContacts(scope: Scope, rows: NewContact[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const result = await scope.unscopedDb.execute(sql`
    insert into contacts (workspace_id, first_name, last_name, phone, email, country, language, lifecycle_stage, custom_fields)
    select ${scope.workspaceId}::bigint, r.v->>'firstName', r.v->>'lastName', r.v->>'phone', r.v->>'email',
      r.v->>'country', r.v->>'language', r.v->>'lifecycleStage', coalesce(r.v->'customFields', '{}'::jsonb)
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as r(v, ord)
    order by r.ord
    returning id`);
  return rowsOf<{ id: string | number }>(result)
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
}

/** Imported identifiers (source `import`, unverified), one JSON parameter; existing ones are left alone. */
export async function insertIdentifiers(
  scope: Scope,
  rows: NewIdentifier[],
): Promise<{ id: number; contactId: number }[]> {
  if (rows.length === 0) return [];
  const result = await scope.unscopedDb.execute(sql`
    insert into contact_identifiers (workspace_id, contact_id, kind, value, key, source, verified)
    select ${scope.workspaceId}::bigint, (r.v->>'contactId')::bigint, r.v->>'kind', r.v->>'value', r.v->>'key', 'import', false
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as r(v)
    on conflict (contact_id, kind, key) do nothing
    returning id, contact_id as "contactId"`);
  return rowsOf<{ id: string | number; contactId: string | number }>(result).map((r) => ({
    id: Number(r.id),
    contactId: Number(r.contactId),
  }));
}
