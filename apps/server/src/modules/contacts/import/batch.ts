import { eq, inArray, sql } from 'drizzle-orm';
import type { Scope } from '../../../db/scope';
import { contacts } from '../../../db/schema';
import type { Contact } from '../service';
import { insertContacts, insertIdentifiers } from './bulk-insert';
import type { ImportRow } from './row';

export type { ImportPurpose } from '@charla/contracts';
import type { ImportPurpose } from '@charla/contracts';

export interface BatchOutcome {
  created: number;
  updated: number;
  /** Rows not applied because of the purpose (exists / not found), with why, for the report. */
  skipped: { row: ImportRow; reason: string }[];
}

const keyOf = (kind: 'phone' | 'email', key: string) => `${kind}:${key}`;

/**
 * Applies up to ~1,000 read rows in the caller's transaction, set-based: one lookup of the workspace's
 * live contacts holding the rows' phone/email keys, one INSERT of new contacts, one of identifiers, one
 * statement raising merge suggestions (only when the batch added keys to existing contacts, or for
 * add_all); only updates of existing contacts go row by row (each merges its
 * own custom fields). A row matches the contact holding its phone, else the one holding its email.
 */
export async function applyBatch(
  scope: Scope,
  rows: ImportRow[],
  opts: { purpose: ImportPurpose; doNotOverwrite: boolean },
): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, skipped: [] };
  const matches = opts.purpose === 'add_all' ? new Map<string, number>() : await existingByKey(scope, rows);
  const toCreate: ImportRow[] = [];
  const toUpdate: { row: ImportRow; contactId: number }[] = [];
  for (const row of rows) {
    const match =
      (row.phone && matches.get(keyOf('phone', row.phone.key))) ||
      (row.email && matches.get(keyOf('email', row.email.key))) ||
      undefined;
    if (match && opts.purpose === 'add')
      out.skipped.push({ row, reason: `contact #${match} already has this phone or email` });
    else if (!match && opts.purpose === 'update')
      out.skipped.push({ row, reason: 'no contact has this phone or email' });
    else if (match) toUpdate.push({ row, contactId: match });
    else toCreate.push(row);
  }

  const identifierRows: ReturnType<typeof identifiersOf> = [];
  if (toCreate.length > 0) {
    const created = await insertContacts(
      scope,
      toCreate.map((r) => ({
        firstName: r.fields.firstName ?? null,
        lastName: r.fields.lastName ?? null,
        phone: r.phone?.value ?? null,
        email: r.email?.value ?? null,
        country: r.phone?.country ?? null,
        language: r.fields.language ?? null,
        lifecycleStage: r.fields.lifecycleStage ?? null,
        customFields: r.custom,
      })),
    );
    for (const [i, r] of toCreate.entries()) identifierRows.push(...identifiersOf(r, created[i]!));
    out.created = created.length;
  }
  if (toUpdate.length > 0) {
    const current = new Map(
      (await scope.find(contacts, inArray(contacts.id, [...new Set(toUpdate.map((u) => u.contactId))]))).map((c) => [
        c.id,
        c,
      ]),
    );
    for (const { row, contactId } of toUpdate) {
      const contact = current.get(contactId)!;
      const patch = patchFor(contact, row, opts.doNotOverwrite);
      if (patch) {
        const [next] = await scope.update(contacts, patch, eq(contacts.id, contactId)).returning();
        current.set(contactId, next!);
      }
      identifierRows.push(...identifiersOf(row, contactId));
      out.updated++;
    }
  }
  if (identifierRows.length > 0) {
    const added = await insertIdentifiers(scope, identifierRows);
    // A contact created here holds keys no live contact held at the lookup (else the row would have matched)
    // and the run drops the file's repeats: only keys added to existing contacts can pair up, except with
    // add_all, which skips both. Saves the batch's costliest statement when an import only adds contacts.
    const updated = new Set(toUpdate.map((u) => u.contactId));
    const candidates = opts.purpose === 'add_all' ? added : added.filter((a) => updated.has(a.contactId));
    await raiseSuggestionsFor(
      scope,
      candidates.map((a) => a.id),
    );
  }
  return out;
}

function identifiersOf(row: ImportRow, contactId: number) {
  const base = { contactId };
  return [
    ...(row.phone ? [{ ...base, kind: 'phone' as const, value: row.phone.value, key: row.phone.key }] : []),
    ...(row.email ? [{ ...base, kind: 'email' as const, value: row.email.value, key: row.email.key }] : []),
  ];
}

/** The fields a row changes on an existing contact; with `doNotOverwrite` only empty fields are filled. */
export function patchFor(contact: Contact, row: ImportRow, doNotOverwrite: boolean): Partial<Contact> | null {
  const patch: Partial<Contact> = {};
  const set = <K extends 'firstName' | 'lastName' | 'language' | 'lifecycleStage' | 'phone' | 'email'>(
    k: K,
    v: string | undefined,
  ) => {
    if (v === undefined || v === contact[k]) return;
    if (doNotOverwrite && contact[k]) return;
    patch[k] = v;
  };
  set('firstName', row.fields.firstName);
  set('lastName', row.fields.lastName);
  set('language', row.fields.language);
  set('lifecycleStage', row.fields.lifecycleStage);
  set('phone', row.phone?.value);
  set('email', row.email?.value);
  if (patch.phone && !contact.country && row.phone?.country) patch.country = row.phone.country;
  const custom = { ...contact.customFields };
  let customChanged = false;
  for (const [k, v] of Object.entries(row.custom)) {
    const has = custom[k] !== undefined && custom[k] !== null && custom[k] !== '';
    if (custom[k] === v || (doNotOverwrite && has)) continue;
    custom[k] = v;
    customChanged = true;
  }
  if (customChanged) patch.customFields = custom;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** `phone:<key>` / `email:<key>` → the oldest live contact holding it. */
async function existingByKey(scope: Scope, rows: ImportRow[]): Promise<Map<string, number>> {
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone.key] : [])))];
  const emails = [...new Set(rows.flatMap((r) => (r.email ? [r.email.key] : [])))];
  const map = new Map<string, number>();
  if (phones.length === 0 && emails.length === 0) return map;
  // One JSON parameter of [kind, key] pairs (see bulk-insert.ts): each pair is an index lookup.
  const pairs = [...phones.map((k) => ['phone', k]), ...emails.map((k) => ['email', k])];
  const result = await scope.unscopedDb.execute(sql`
    select ci.kind, ci.key, ci.contact_id as "contactId"
    from contact_identifiers ci
    join contacts c on c.id = ci.contact_id and c.workspace_id = ${scope.workspaceId} and c.merged_into_id is null
    where ci.workspace_id = ${scope.workspaceId}
      and (ci.kind, ci.key) in (select p->>0, p->>1 from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) p)
    order by ci.contact_id`);
  const found = (result as unknown as { rows: { kind: 'phone' | 'email'; key: string; contactId: string | number }[] })
    .rows;
  for (const f of found) if (!map.has(keyOf(f.kind, f.key))) map.set(keyOf(f.kind, f.key), Number(f.contactId));
  return map;
}

/**
 * What `raiseSuggestions` does for one identifier, for a whole batch in one statement: a pair (lower id
 * first) with every other live contact holding the same key; existing pairs are left alone.
 */
async function raiseSuggestionsFor(scope: Scope, identifierIds: number[]): Promise<void> {
  if (identifierIds.length === 0) return;
  await scope.unscopedDb.execute(sql`
    insert into merge_suggestions (workspace_id, contact_a_id, contact_b_id, reason_kind, reason_value)
    select distinct on (least(n.contact_id, o.contact_id), greatest(n.contact_id, o.contact_id))
      ${scope.workspaceId}::bigint, least(n.contact_id, o.contact_id), greatest(n.contact_id, o.contact_id), n.kind, n.key
    from contact_identifiers n
    join contact_identifiers o
      on o.workspace_id = n.workspace_id and o.kind = n.kind and o.key = n.key and o.contact_id <> n.contact_id
    join contacts oc on oc.id = o.contact_id and oc.workspace_id = n.workspace_id and oc.merged_into_id is null
    where n.workspace_id = ${scope.workspaceId} and n.id in ${sql.raw(`(${identifierIds.map(Number).join(',')})`)}
    order by least(n.contact_id, o.contact_id), greatest(n.contact_id, o.contact_id), n.kind desc
    on conflict (contact_a_id, contact_b_id) do nothing`);
}
