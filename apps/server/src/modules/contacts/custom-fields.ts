import { asc, eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/scope';
import { contacts, customFields } from '../../db/schema';
import { AppError, invalid } from '../../http/errors';
import { normalizeEmail } from '../identity/normalize';

export type CustomField = typeof customFields.$inferSelect;
export type CustomFieldType = CustomField['type'];

export async function listCustomFields(scope: Scope) {
  return scope.find(customFields).orderBy(asc(customFields.id));
}

export async function createCustomField(
  scope: Scope,
  input: { key: string; label: string; type: CustomFieldType; options?: string[] },
): Promise<CustomField> {
  if (input.type === 'list' && (input.options ?? []).length === 0) {
    throw invalid('list_without_options', 'A list field needs at least one allowed value');
  }
  const [row] = await scope
    .insert(customFields, { ...input, options: input.type === 'list' ? (input.options ?? []) : [] })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', 'field_key_taken', `A field with the key "${input.key}" exists`);
  return row;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * A value for a field of the given type, normalized (numbers from numeric strings, emails with the
 * domain lower-cased), or an `invalid_custom_field` error naming the field and why.
 */
export function validateCustomValue(field: Pick<CustomField, 'key' | 'type' | 'options'>, value: unknown): unknown {
  const fail = (why: string) => invalid('invalid_custom_field', `${field.key}: ${why}`, { field: field.key });
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string' || value.length > 2000) throw fail('expected text up to 2000 characters');
      return value;
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw fail('expected a number');
      return n;
    }
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      if (!d || d.toISOString().slice(0, 10) !== value) throw fail('expected a date as YYYY-MM-DD');
      return value;
    }
    case 'time':
      if (typeof value !== 'string' || !TIME.test(value)) throw fail('expected a time as HH:MM');
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') throw fail('expected true or false');
      return value;
    case 'list':
      if (typeof value !== 'string' || !field.options.includes(value))
        throw fail(`expected one of ${field.options.join(', ')}`);
      return value;
    case 'email': {
      const email = typeof value === 'string' ? normalizeEmail(value) : null;
      if (!email?.ok) throw fail('expected an email address');
      return email.value;
    }
    case 'url': {
      let url: URL | null = null;
      try {
        url = typeof value === 'string' ? new URL(value) : null;
      } catch {
        url = null;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol)) throw fail('expected an http(s) URL');
      return url.toString();
    }
  }
}

/**
 * Renames a field or changes a list's allowed values (the key and type stay: stored values keep their
 * meaning). Returns undefined when the field is not this workspace's.
 */
export async function updateCustomField(
  scope: Scope,
  id: number,
  input: { label?: string; options?: string[] },
): Promise<CustomField | undefined> {
  const field = await scope.first(customFields, eq(customFields.id, id));
  if (!field) return undefined;
  const options = field.type === 'list' && input.options ? [...new Set(input.options)] : field.options;
  if (field.type === 'list' && options.length === 0) {
    throw invalid('list_without_options', 'A list field needs at least one allowed value');
  }
  const [row] = await scope
    .update(customFields, { label: input.label ?? field.label, options }, eq(customFields.id, id))
    .returning();
  return row;
}

/** Deletes the definition and every contact's value for it, in one transaction. */
export async function deleteCustomField(scope: Scope, id: number): Promise<boolean> {
  return scope.transaction(async (tx) => {
    const [row] = await tx.delete(customFields, eq(customFields.id, id)).returning();
    if (!row) return false;
    await tx.update(
      contacts,
      { customFields: sql`${contacts.customFields} - ${row.key}::text` },
      sql`${contacts.customFields} ? ${row.key}::text`,
    );
    return true;
  });
}
